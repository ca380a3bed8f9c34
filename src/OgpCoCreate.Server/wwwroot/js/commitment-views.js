// Read-only views of a commitment's template: the PDIA fishbone, the OGP values, institutions with their kind,
// and the lifecycle stepper.
import { h } from './dom.js';
import { enumLabel, t } from './i18n.js';
import { COMMITMENT_PATH, isStateKind } from './lifecycle.js';
import { institutionHref } from './history.js';
import { empty, institutionName } from './views.js';

const VALUE_KEYS = ['transparency', 'civicParticipation', 'publicAccountability', 'technology', 'inclusion'];

/**
 * The PDIA problem analysis as a fishbone: the problem is the head, each category a bone with its causes.
 * Bones alternate above and below the spine; on a narrow screen they stack. The direction follows the page
 * (the head is at the end of the line: right in French, left in Arabic).
 */
export function fishbone(analysis) {
  const categories = analysis?.causes ?? [];
  const top = categories.filter((_, i) => i % 2 === 0);
  const bottom = categories.filter((_, i) => i % 2 === 1);
  const columns = Math.max(top.length, bottom.length, 1);
  const bone = (category, position, index) => h('section', {
    class: `bone bone-${position}`,
    style: `grid-column: ${index + 1}`,
    dataset: { category: category.category },
  },
  h('h4', { dir: 'auto' }, category.category),
  (category.causes ?? []).length
    ? h('ul', {}, category.causes.map(cause => h('li', { dir: 'auto' }, cause)))
    : h('p', { class: 'muted' }, t('commitmentPage.noCauses')));
  return h('figure', { class: 'fishbone', id: 'fishbone', style: `--bones: ${columns}` },
    h('figcaption', { class: 'visually-hidden' }, t('commitmentPage.fishboneCaption')),
    h('div', { class: 'fishbone-grid' },
      top.map((c, i) => bone(c, 'top', i)),
      h('div', { class: 'fishbone-spine', 'aria-hidden': 'true', style: `grid-column: 1 / span ${columns}` }),
      h('div', { class: 'fishbone-head', style: `grid-column: ${columns + 1}` },
        h('span', { class: 'fishbone-head-label' }, t('commitment.problemStatement')),
        h('p', { dir: 'auto' }, analysis?.problemStatement || t('common.none'))),
      bottom.map((c, i) => bone(c, 'bottom', i))));
}

/** The four OGP values, each marked relevant or not (technology and inclusion shown together as in the template). */
export function valuesGrid(values) {
  const item = (keys, labelKey) => {
    const on = keys.some(k => values?.[k]);
    return h('li', { class: on ? 'value on' : 'value off', dataset: { value: keys.join('+'), relevant: on ? 'true' : 'false' } },
      h('span', { class: 'value-mark', 'aria-hidden': 'true' }, on ? '✓' : '–'),
      h('span', {}, t(labelKey)),
      h('span', { class: 'visually-hidden' }, ` (${t(on ? 'commitmentPage.relevant' : 'commitmentPage.notRelevant')})`),
      keys.length > 1 && on && !keys.every(k => values?.[k])
        ? h('span', { class: 'muted' }, ' (', keys.filter(k => values?.[k]).map(k => t(`ogpValues.${k}`)).join(', '), ')')
        : null);
  };
  return h('ul', { class: 'values-grid' },
    item(['transparency'], 'ogpValues.transparency'),
    item(['civicParticipation'], 'ogpValues.civicParticipation'),
    item(['publicAccountability'], 'ogpValues.publicAccountability'),
    item(['technology', 'inclusion'], 'commitmentPage.technologyInclusion'));
}

export const OGP_VALUE_KEYS = VALUE_KEYS;

/** Institutions as links, each with its kind and whether it is a state or a non-state actor. */
export function institutionList(ids, institutions) {
  if (!ids?.length) return empty();
  return h('ul', { class: 'institution-list' }, ids.map(id => {
    const institution = institutions.get(id);
    const state = isStateKind(institution?.kind);
    return h('li', { dataset: { institutionId: id, state: state ? 'state' : 'non-state' } },
      h('a', { href: institutionHref(id) }, institutionName(institutions, id)),
      ' ',
      h('span', { class: state ? 'badge neutral' : 'badge accent' }, t(state ? 'institutionPage.state' : 'institutionPage.nonState')),
      institution?.kind ? [' ', h('span', { class: 'muted kind' }, enumLabel('institutionKind', institution.kind))] : null);
  }));
}

/** The lifecycle as steps, the current one marked; a withdrawn commitment is shown aside. */
export function lifecycleSteps(status) {
  const index = COMMITMENT_PATH.indexOf(status);
  return h('ol', { class: 'lifecycle', dataset: { status } },
    COMMITMENT_PATH.map((s, i) => {
      const state = status === 'Withdrawn' ? 'off' : i < index ? 'past' : i === index ? 'current' : 'upcoming';
      return h('li', { dataset: { step: s, state }, 'aria-current': state === 'current' ? 'step' : null },
        h('span', { class: 'step-dot', 'aria-hidden': 'true' }),
        h('span', { class: 'step-label' }, enumLabel('commitmentStatus', s)));
    }),
    status === 'Withdrawn'
      ? h('li', { dataset: { step: 'Withdrawn', state: 'current' }, 'aria-current': 'step', class: 'withdrawn' },
        h('span', { class: 'step-dot', 'aria-hidden': 'true' }),
        h('span', { class: 'step-label' }, enumLabel('commitmentStatus', 'Withdrawn')))
      : null);
}

/** A LocalizedText's three versions, each in its own language and direction. */
export function allLanguages(text) {
  return h('span', { class: 'localized-value' }, ['ar', 'fr', 'en'].filter(l => text?.[l]).map(lang =>
    h('span', { lang, dir: lang === 'ar' ? 'rtl' : 'ltr', class: 'localized-line' },
      h('span', { class: 'lang-tag', lang: 'en', dir: 'ltr' }, lang.toUpperCase()), ' ', text[lang])));
}

