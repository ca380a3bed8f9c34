// Small view helpers shared by the pages (labels of enum values, names looked up by id).
import { h } from './dom.js';
import { enumLabel, localized, t } from './i18n.js';

const STATUS_TONES = {
  planStatus: {
    Preparation: 'neutral', CoCreation: '', Consultation: 'accent', Validation: 'warning',
    Adopted: 'success', Implementation: 'accent', Closed: 'neutral',
  },
  commitmentStatus: {
    Proposed: 'neutral', Drafting: '', InConsultation: 'accent', Revised: '', PendingApproval: 'warning',
    Approved: 'success', InImplementation: 'accent', Completed: 'success', Withdrawn: 'danger',
  },
};

/** A coloured badge with the translated label of a status ('planStatus' | 'commitmentStatus'). */
export function statusBadge(group, value, attributes = {}) {
  const tone = STATUS_TONES[group]?.[value] ?? 'neutral';
  return h('span', { class: `badge ${tone}`.trim(), dataset: { status: value }, ...attributes }, enumLabel(group, value));
}

export function indexById(items) {
  return new Map((Array.isArray(items) ? items : []).map(item => [item.id, item]));
}

/** Name of an institution in the chosen language; its id when it is not known. */
export function institutionName(institutions, id) {
  if (!id) return '';
  const institution = institutions?.get(id);
  return institution ? localized(institution.name) || institution.acronym || id : id;
}

/** Name of an axis of the plan in the chosen language; its id when it is not known. */
export function axisName(plan, axisId) {
  if (!axisId) return '';
  const axis = plan?.axes?.find(a => a.id === axisId);
  return axis ? localized(axis.name) || axisId : axisId;
}

/** Link to the page of a commitment. */
export function commitmentHref(id) {
  return `/commitment.html?id=${encodeURIComponent(id)}`;
}

/** "—" for an empty value, in a muted span. */
export function empty() {
  return h('span', { class: 'muted' }, t('common.none'));
}
