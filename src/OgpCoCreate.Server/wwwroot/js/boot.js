// Loaded synchronously in <head>: sets <html lang dir> before the first paint so that an Arabic page
// never flashes left-to-right. The same rules live in js/i18n.js (resolveLanguage), which takes over.
(function () {
  'use strict';
  var supported = ['ar', 'fr', 'en'];
  function pick(value) {
    if (!value) return null;
    var code = String(value).toLowerCase().split(/[-_]/)[0];
    return supported.indexOf(code) >= 0 ? code : null;
  }
  var lang = null;
  try { lang = pick(new URLSearchParams(window.location.search).get('lang')); } catch (e) { /* old browser */ }
  if (!lang) {
    try { lang = pick(window.localStorage.getItem('ogp.lang')); } catch (e) { /* storage blocked */ }
  }
  if (!lang) {
    var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < preferred.length && !lang; i++) lang = pick(preferred[i]);
  }
  lang = lang || 'fr';
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
})();
