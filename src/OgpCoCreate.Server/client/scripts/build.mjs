// Bundles src/ogp-client.js into ../wwwroot/lib/ogp-client.js (ES module, minified, with source map)
// and writes the licences of the npm packages that end up in the bundle next to it.
// Run with `npm run build` (the MSBuild target Ui/ClientAssets.targets does it before `dotnet build`).
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(root, '../wwwroot/lib');
const outFile = path.join(outDir, 'ogp-client.js');

const otTextManifest = JSON.parse(await readFile(path.join(root, 'node_modules/ot-text-unicode/package.json'), 'utf8'));

await mkdir(outDir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/ogp-client.js'],
  outfile: outFile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  metafile: true,
  define: { __OT_TEXT_UNICODE_VERSION__: JSON.stringify(otTextManifest.version) },
  logLevel: 'warning',
});

// One notice per package whose code is in the bundle (MIT and friends ask for their licence to travel with it).
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match && !packages.has(match[1])) {
    packages.set(match[1], path.join(root, input.slice(0, match.index + match[0].length)));
  }
}
const notices = ['Third-party software bundled in ogp-client.js', ''];
for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  notices.push('='.repeat(72), `${name} ${manifest.version} (${manifest.license ?? 'see package'})`, '='.repeat(72));
  const licenceFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE'].map(f => path.join(dir, f)).find(existsSync);
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
  const source = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (author) notices.push(`Author: ${author}`);
  if (source) notices.push(`Source: ${source}`);
  notices.push(licenceFile ? (await readFile(licenceFile, 'utf8')).trim() : `Licence: ${manifest.license ?? 'unknown'} (the package ships no licence file)`, '');
}
await writeFile(path.join(outDir, 'ogp-client.LICENSES.txt'), notices.join('\n'));

const bytes = (await readFile(outFile)).length;
console.log(`ogp-client.js: ${(bytes / 1024).toFixed(1)} KiB, ${packages.size} package(s): ${[...packages.keys()].join(', ')}`);
