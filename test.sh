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
