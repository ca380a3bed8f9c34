// Languages of the UI: Arabic (right to left), French, English. Every UI string comes from
// /i18n/{lang}.json; data that the API returns in three languages ({ ar, fr, en }) is shown in the
// chosen language. The choice: ?lang= query parameter, then localStorage 'ogp.lang', then the browser's
// languages, then French. Arabic sets <html lang="ar" dir="rtl">.

export const LANGUAGES = Object.freeze(['ar', 'fr', 'en']);
export const DEFAULT_LANGUAGE = 'fr';
export const STORAGE_KEY = 'ogp.lang';

/** Locale used by Intl for each UI language (Tunisian variants; English as written in Britain). */
export const LOCALES = Object.freeze({ ar: 'ar-TN', fr: 'fr-TN', en: 'en-GB' });

/** Each language's own name, shown on the switcher whatever the current language. */
export const ENDONYMS = Object.freeze({ ar: 'العربية', fr: 'Français', en: 'English' });

const dictionaries = new Map();
const listeners = new Set();
let current = DEFAULT_LANGUAGE;
let dictionary = {};

/** 'fr-FR' → 'fr'; anything unsupported → null. */
export function normalizeLanguage(value) {
  if (!value) return null;
  const code = String(value).toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(code) ? code : null;
}

function readStored() {
  try {
    return normalizeLanguage(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function store(lang) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage blocked (private mode, policy): the choice lasts for this page only.
  }
}

/** The language to start with, and where it came from ('query' | 'storage' | 'browser' | 'default'). */
export function resolveLanguage() {
  const fromQuery = normalizeLanguage(new URLSearchParams(window.location.search).get('lang'));
  if (fromQuery) return { lang: fromQuery, source: 'query' };
  const fromStorage = readStored();
  if (fromStorage) return { lang: fromStorage, source: 'storage' };
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const candidate of preferred) {
    const lang = normalizeLanguage(candidate);
    if (lang) return { lang, source: 'browser' };
  }
  return { lang: DEFAULT_LANGUAGE, source: 'default' };
}

async function loadDictionary(lang) {
  if (!dictionaries.has(lang)) {
    const loading = fetch(`/i18n/${lang}.json`, { headers: { Accept: 'application/json' } })
      .then(response => {
        if (!response.ok) throw new Error(`Could not load the ${lang} dictionary (HTTP ${response.status}).`);
        return response.json();
      })
      .catch(error => {
        dictionaries.delete(lang);
        throw error;
      });
    dictionaries.set(lang, loading);
  }
  return dictionaries.get(lang);
}

export function currentLanguage() {
  return current;
}

export function currentLocale() {
  return LOCALES[current];
}

export function isRtl(lang = current) {
  return lang === 'ar';
}

/**
 * Switches the UI language: loads the dictionary, sets <html lang dir>, translates [data-i18n] elements,
 * then calls the listeners (pages re-render their data). `persist` stores the choice in localStorage.
 */
export async function setLanguage(lang, { persist = true } = {}) {
  const next = normalizeLanguage(lang) ?? DEFAULT_LANGUAGE;
  let loaded;
  try {
    loaded = await loadDictionary(next);
  } catch (error) {
    console.error(error);
    loaded = next === 'en' ? {} : await loadDictionary('en').catch(() => ({}));
  }
  current = next;
  dictionary = loaded;
  if (persist) store(next);
  const root = document.documentElement;
  root.lang = next;
  root.dir = isRtl(next) ? 'rtl' : 'ltr';
  applyTranslations(document);
  root.classList.add('i18n-ready');
  // Keep an explicit ?lang= in the address in step with the choice (it wins over localStorage on reload).
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang') && url.searchParams.get('lang') !== next) {
    url.searchParams.set('lang', next);
    window.history.replaceState(window.history.state, '', url);
  }
  for (const listener of [...listeners]) {
    try {
      await listener(next);
    } catch (error) {
      console.error(error);
    }
  }
  return next;
}

/** Registers a callback run after every language switch; returns a function that unregisters it. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Translation of a key ('plan.timeline'), with {name} placeholders filled from `values`.
 * A missing key shows the key itself (visible, so it gets fixed).
 */
export function t(key, values) {
  let text = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), dictionary);
  if (typeof text !== 'string') {
    console.warn(`i18n: no '${key}' in ${current}`);
    text = key;
  }
  if (values) {
    text = text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
  }
  return text;
}

/**
 * Plural-aware translation: the dictionary holds { one, two, few, many, other, zero } under `key`
 * (only the forms the language has); {count} is filled with the formatted number.
 */
export function tp(key, count, values = {}) {
  const category = new Intl.PluralRules(currentLocale()).select(count);
  const exact = count === 0 && has(`${key}.zero`) ? `${key}.zero` : `${key}.${category}`;
  return t(has(exact) ? exact : `${key}.other`, { ...values, count: formatNumber(count) });
}

/** Wraps text typed by a person (a name…) in bidi isolates, so that an Arabic name in a French sentence (or the reverse) keeps the sentence in order. */
export function isolate(text) {
  return `\u2068${text ?? ''}\u2069`;
}

/** Whether the dictionary has this key (for optional labels such as unknown enum values). */
export function has(key) {
  return typeof key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), dictionary) === 'string';
}

/** Label of an enum value ('planStatus', 'Preparation'), falling back to the raw value. */
export function enumLabel(group, value) {
  if (value == null || value === '') return '';
  const key = `${group}.${value}`;
  return has(key) ? t(key) : String(value);
}

/**
 * Translates the static texts of a page:
 *   data-i18n (a key)                         → textContent
 *   data-i18n-attr (attribute:key;attribute:key) → those attributes
 */
export function applyTranslations(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of element.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':').map(s => s.trim());
      if (attribute && key) element.setAttribute(attribute, t(key));
    }
  }
}

/** Picks the chosen language from a LocalizedText { ar, fr, en }, falling back to another language. */
export function localized(text) {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  const order = [current, ...LANGUAGES.filter(l => l !== current)];
  for (const lang of order) {
    const value = text[lang] ?? text[lang.toUpperCase()] ?? text[lang[0].toUpperCase() + lang.slice(1)];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return '';
}

/** True when the LocalizedText has no text in the chosen language (the page marks the fallback). */
export function isFallback(text) {
  return text != null && typeof text === 'object' && !(typeof text[current] === 'string' && text[current].trim() !== '');
}

/** Default date format: "8 févr. 2023", "8 Feb 2023", "8 فيفري 2023". */
export const DATE_FORMAT = Object.freeze({ day: 'numeric', month: 'short', year: 'numeric' });

/** "2023-01-01" (a DateOnly) as a date, in UTC so no time zone moves it by a day. */
export function parseDateOnly(value) {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** A DateOnly formatted in the chosen locale (ar-TN, fr-TN, en-GB). */
export function formatDate(value, options = DATE_FORMAT) {
  const date = parseDateOnly(value);
  if (!date) return value ?? '';
  return new Intl.DateTimeFormat(currentLocale(), { ...options, timeZone: 'UTC' }).format(date);
}

/** A date range of two DateOnly values in the chosen locale. */
export function formatDateRange(start, end, options = DATE_FORMAT) {
  const from = parseDateOnly(start);
  const to = parseDateOnly(end);
  if (!from || !to) return [formatDate(start, options), formatDate(end, options)].filter(Boolean).join(' – ');
  const format = new Intl.DateTimeFormat(currentLocale(), { ...options, timeZone: 'UTC' });
  return typeof format.formatRange === 'function'
    ? format.formatRange(from, to)
    : `${format.format(from)} – ${format.format(to)}`;
}

/** An instant (DateTimeOffset) in the chosen locale and the browser's time zone. */
export function formatDateTime(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value ?? '';
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(value, options) {
  if (typeof value !== 'number') return value ?? '';
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}

let regionCodesByName = null;

/** 'Tunisia' / 'Tunisie' / 'TN' → 'TN' (the API may give a code or an English name). */
function regionCode(value) {
  const text = String(value).trim();
  if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase();
  if (!regionCodesByName) {
    regionCodesByName = new Map();
    try {
      const namers = LANGUAGES.map(lang => new Intl.DisplayNames([LOCALES[lang]], { type: 'region' }));
      for (let a = 65; a <= 90; a++) {
        for (let b = 65; b <= 90; b++) {
          const code = String.fromCharCode(a, b);
          for (const namer of namers) {
            const name = namer.of(code);
            if (name && name !== code) regionCodesByName.set(name.toLocaleLowerCase(), code);
          }
        }
      }
    } catch {
      // No Intl.DisplayNames: names stay as the API gave them.
    }
  }
  return regionCodesByName.get(text.toLocaleLowerCase()) ?? null;
}

/** A country ('TN' or its name in one of the three languages) as its name in the chosen language. */
export function countryName(value) {
  if (typeof value !== 'string' || value.trim() === '') return value ?? '';
  const code = regionCode(value);
  if (!code) return value;
  try {
    return new Intl.DisplayNames([currentLocale()], { type: 'region' }).of(code) ?? value;
  } catch {
    return value;
  }
}

/** Joins a list the way the chosen language does ("a, b et c"). */
export function formatList(items) {
  const values = items.filter(Boolean);
  try {
    return new Intl.ListFormat(currentLocale(), { style: 'long', type: 'conjunction' }).format(values);
  } catch {
    return values.join(', ');
  }
}
