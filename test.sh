#!/usr/bin/env bash
# Runs every test of OgpCoCreate on a fresh Debian machine that has only the .NET SDK:
# installs what the tests need when it is missing (Chromium for the browser tests, Node.js/npm for the
# front-end bundle and the OT differential fuzzing), builds in Release with warnings as errors, runs all
# test projects, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/artifacts/test-results"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# A font with Arabic glyphs, so screenshots of the RTL pages are readable.
[ -e /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || [ -n "$(fc-list :lang=ar 2>/dev/null | head -n1)" ] || missing+=(fonts-noto-core)
# PostgreSQL's server binaries for the cluster tests (Debian puts them in /usr/lib/postgresql/<version>/bin).
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
[ -x "$(pg_bin_dir)/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

rm -rf "$results"
mkdir -p "$results"

if ! dotnet build OgpCoCreate.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# A PostgreSQL server of our own for the cluster tests, on a spare loopback port in a temporary folder, stopped
# at the end whatever happens. Debian does not start one, and initdb refuses root: as root it runs as postgres.
pg_dir=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_postgres() {
  pg_bin=$(pg_bin_dir)
  if [ ! -x "$pg_bin/initdb" ]; then
    export OGP_TEST_POSTGRES_ERROR="PostgreSQL's server binaries are not installed (apt-get install postgresql failed?)"
    return 1
  fi
  pg_dir=$(mktemp -d /tmp/ogp-test-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  if ! as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || ! as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
         -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null; then
    export OGP_TEST_POSTGRES_ERROR="./test.sh could not start PostgreSQL: $(tail -n 5 "$pg_dir"/*.log 2>/dev/null | tr '\n' ' ')"
    return 1
  fi
  export OGP_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  export OGP_TEST_PG_BIN="$pg_bin"
  echo "PostgreSQL for the cluster tests: 127.0.0.1:$port ($pg_dir)"
}
trap stop_postgres EXIT
start_postgres || echo "WARNING: ${OGP_TEST_POSTGRES_ERROR:-PostgreSQL did not start}; the cluster tests will fail."

# One run per test project, each with its own results file (so none overwrites another).
status=0
for project in tests/*/*.csproj; do
  if grep -q '<IsTestProject>false</IsTestProject>' "$project"; then
    continue
  fi
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=1
done

# The same tests on PostgreSQL wherever behaviour is shared: every test class marked [Trait("Store", "shared")]
# runs again with OGP_TEST_STORE=postgres (its servers and silos then keep everything in PostgreSQL databases).
for project in tests/*/*.csproj; do
  grep -q '<IsTestProject>false</IsTestProject>' "$project" && continue
  grep -rqs --include='*.cs' 'TestStore.Trait\|StoreTrait' "$(dirname "$project")" || continue
  name=$(basename "$project" .csproj)
  echo "== $name (PostgreSQL store)"
  OGP_TEST_STORE=postgres dotnet test "$project" -c Release --no-build -nologo --filter "Store=shared" \
    --logger "trx;LogFileName=$name.postgres.trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host crashed or a project did not run: count it, never report green.
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
