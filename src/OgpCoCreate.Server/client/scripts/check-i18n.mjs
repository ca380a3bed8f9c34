// Checks the UI dictionaries (wwwroot/i18n/{ar,fr,en}.json): same keys in the three languages, no empty
// string, same {placeholders}, and every key used by the pages (data-i18n, data-i18n-attr, t('…'),
// tp('…'), enum groups) exists. Plural groups ({ one, other, … }) may hold different forms per language.
// Run: npm run check-i18n (exit code 1 when something is missing).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../wwwroot');
const languages = ['ar', 'fr', 'en'];
const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const problems = [];

const isPluralGroup = node => node && typeof node === 'object'
  && Object.keys(node).every(k => PLURAL_FORMS.has(k)) && 'other' in node;

function flatten(node, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(node)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isPluralGroup(value)) out.set(name, value);
    else if (value && typeof value === 'object') flatten(value, name, out);
    else out.set(name, value);
  }
  return out;
}

const placeholders = text => [...String(text).matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort().join(',');

const dictionaries = {};
for (const lang of languages) {
  dictionaries[lang] = flatten(JSON.parse(await readFile(path.join(root, 'i18n', `${lang}.json`), 'utf8')));
}

const allKeys = new Set(languages.flatMap(lang => [...dictionaries[lang].keys()]));
for (const key of allKeys) {
  for (const lang of languages) {
    const value = dictionaries[lang].get(key);
    if (value === undefined) problems.push(`${lang}: missing '${key}'`);
    else if (typeof value === 'string' && value.trim() === '') problems.push(`${lang}: empty '${key}'`);
  }
  const reference = dictionaries.en.get(key);
  if (typeof reference === 'string') {
    for (const lang of languages) {
      const value = dictionaries[lang].get(key);
      if (typeof value === 'string' && placeholders(value) !== placeholders(reference)) {
        problems.push(`${lang}: '${key}' has placeholders {${placeholders(value)}}, en has {${placeholders(reference)}}`);
      }
    }
  }
}

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'lib') yield* files(full);
    } else if (/\.(html|js)$/.test(entry.name)) {
      yield full;
    }
  }
}

const used = new Map();
const use = (key, file) => used.set(key, used.get(key) ?? path.relative(root, file));
for await (const file of files(root)) {
  const text = await readFile(file, 'utf8');
  for (const m of text.matchAll(/data-i18n="([^"]+)"/g)) use(m[1], file);
  for (const m of text.matchAll(/'data-i18n': '([^']+)'/g)) use(m[1], file);
  for (const m of text.matchAll(/data-i18n-attr['"]?\s*[:=]\s*['"]([^'"]+)['"]/g)) {
    for (const pair of m[1].split(';')) use(pair.split(':')[1]?.trim(), file);
  }
  for (const m of text.matchAll(/\b(?:t|tp)\('([\w.]+)'/g)) use(m[1], file);
  for (const m of text.matchAll(/\bkey: '([\w.]+)'/g)) use(m[1], file);
  for (const m of text.matchAll(/'((?:errors|signin\.errors|register\.errors)\.\w+)'/g)) use(m[1], file);
}
for (const [key, file] of used) {
  if (key && !dictionaries.en.has(key)) problems.push(`${file}: uses '${key}', which no dictionary has`);
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problem(s) in the UI dictionaries.`);
  process.exit(1);
}
console.log(`i18n: ${allKeys.size} keys in ${languages.join(', ')}; ${used.size} keys used by the pages, all present.`);
