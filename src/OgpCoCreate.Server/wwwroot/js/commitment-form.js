// The edit form of a commitment's structured fields (the OGP template): PUT /api/commitments/{id} with
// If-Match. Field errors of the answer are shown next to their fields; 412 says the commitment changed
// meanwhile and offers to reload. The live texts (problem, description …) are not edited here.
import { h } from './dom.js';
import {
  checkbox, errorSlot, field, lines, localizedFields, onSubmit, repeater, showFieldErrors, statusLine, text, valueOf,
} from './forms.js';
import { formatNumber, localized, t } from './i18n.js';
import { isStateKind, mayChangeLead, mayChangeSupporters } from './lifecycle.js';
import { send } from './resource.js';

const VALUE_KEYS = ['transparency', 'civicParticipation', 'publicAccountability', 'technology', 'inclusion'];

function institutionOptions(institutions) {
  return [...institutions.values()]
    .map(i => ({ value: i.id, label: localized(i.name) || i.acronym || i.id }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

function nextId(items, prefix) {
  const used = new Set(items.map(i => i.id));
  for (let n = items.length + 1; ; n++) {
    if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
  }
}

/**
 * Builds the form. `onSaved(commitment, etag)` runs after a successful save; `onReload()` when the person
 * asks to reload after a 412; `onCancel()` closes it.
 */
export function buildCommitmentForm({ commitment, etag, plan, institutions, me, onSaved, onReload, onCancel }) {
  const d = commitment.details ?? {};
  const allInstitutions = institutionOptions(institutions);
  const canChangeLead = mayChangeLead(me);
  const canChangeSupporters = mayChangeSupporters(me, commitment);
  const summary = h('div', { class: 'alert error', role: 'alert', id: 'commitment-form-errors', hidden: true });
  const status = statusLine('commitment-form-status');

  const axisOptions = (plan?.axes ?? []).map(a => ({ value: a.id, label: localized(a.name) || a.id }));
  if (d.axisId && !axisOptions.some(o => o.value === d.axisId)) axisOptions.push({ value: d.axisId, label: d.axisId });

  const supporters = h('fieldset', { class: 'fieldset checks institutions-checks', dataset: { field: 'supportingInstitutionIds' } },
    h('legend', {}, text('commitment.supporting')),
    canChangeSupporters ? null : h('p', { class: 'hint' }, text('commitmentForm.supportersLocked')),
    [true, false].map(state => h('div', { class: 'check-group' },
      h('p', { class: 'check-group-title' }, text(state ? 'commitmentForm.stateActors' : 'commitmentForm.nonStateActors')),
      h('div', { class: 'check-grid' }, allInstitutions
        .filter(o => isStateKind(institutions.get(o.value)?.kind) === state)
        .map(o => checkbox({
          name: 'supportingInstitutionIds',
          value: o.value,
          label: o.label,
          checked: (d.supportingInstitutionIds ?? []).includes(o.value),
          disabled: !canChangeSupporters,
        }))))),
    errorSlot('supportingInstitutionIds'));

  const milestones = repeater({
    name: 'milestones',
    items: d.milestones ?? [],
    addKey: 'commitmentForm.addMilestone',
    removeKey: 'commitmentForm.removeMilestone',
    itemClass: 'milestone-editor',
    blank: items => ({ id: nextId(items, 'm'), action: '', expectedOutput: '', start: valueOf(form, 'start') || d.start, end: valueOf(form, 'end') || d.end, responsibleInstitutionId: valueOf(form, 'leadInstitutionId') || d.leadInstitutionId }),
    draw: (m, p) => h('div', { class: 'milestone-fields' },
      field({ name: `${p}.id`, key: 'commitmentForm.milestoneId', value: m.id, required: true, dir: 'ltr', attrs: { maxlength: 80 } }),
      field({ name: `${p}.start`, key: 'commitmentForm.start', value: m.start, type: 'date', required: true }),
      field({ name: `${p}.end`, key: 'commitmentForm.end', value: m.end, type: 'date', required: true }),
      field({ name: `${p}.responsibleInstitutionId`, key: 'commitment.milestoneResponsible', value: m.responsibleInstitutionId, type: 'select', options: allInstitutions, required: true }),
      field({ name: `${p}.action`, key: 'commitment.milestoneAction', value: m.action, type: 'textarea', rows: 3, required: true, dir: 'auto', attrs: { maxlength: 1000 } }),
      field({ name: `${p}.expectedOutput`, key: 'commitment.milestoneOutput', value: m.expectedOutput, type: 'textarea', rows: 3, dir: 'auto', attrs: { maxlength: 1000 } })),
    read: (node, p) => ({
      id: valueOf(node, `${p}.id`).trim(),
      action: valueOf(node, `${p}.action`).trim(),
      expectedOutput: valueOf(node, `${p}.expectedOutput`).trim(),
      start: valueOf(node, `${p}.start`),
      end: valueOf(node, `${p}.end`),
      responsibleInstitutionId: valueOf(node, `${p}.responsibleInstitutionId`),
    }),
  });

  const analysis = d.analysis ?? null;
  const causes = repeater({
    name: 'analysis.causes',
    items: (analysis?.causes ?? []).map(c => ({ category: c.category, causes: (c.causes ?? []).join('\n') })),
    addKey: 'commitmentForm.addCategory',
    removeKey: 'commitmentForm.removeCategory',
    itemClass: 'cause-editor',
    blank: () => ({ category: '', causes: '' }),
    draw: (c, p) => h('div', { class: 'cause-fields' },
      field({ name: `${p}.category`, key: 'commitmentForm.causeCategory', value: c.category, required: true, dir: 'auto', attrs: { maxlength: 200 } }),
      field({ name: `${p}.causes`, key: 'commitmentForm.causesLines', value: c.causes, type: 'textarea', rows: 3, dir: 'auto', hintKey: 'commitmentForm.onePerLine' })),
    read: (node, p) => ({ category: valueOf(node, `${p}.category`).trim(), causes: valueOf(node, `${p}.causes`) }),
  });

  const submit = h('button', { type: 'submit', class: 'btn', id: 'commitment-save' }, text('commitmentForm.save'));
  const cancel = h('button', { type: 'button', class: 'btn secondary', id: 'commitment-cancel' }, text('commitmentForm.cancel'));
  cancel.addEventListener('click', () => onCancel?.());

  const budget = d.budget ?? null;
  const form = h('form', { id: 'commitment-form', class: 'edit-form', novalidate: true },
    summary,
    h('p', { class: 'muted' }, text('commitmentForm.lead')),
    h('div', { class: 'form-section' },
      h('h3', {}, text('commitmentForm.identity')),
      h('p', { class: 'muted' }, text('commitment.number'), ' ', formatNumber(d.number), ' · ', h('code', {}, commitment.id)),
      localizedFields({ name: 'title', key: 'commitmentForm.title', value: d.title, type: 'textarea' }),
      field({ name: 'axisId', key: 'commitment.axis', value: d.axisId, type: 'select', options: axisOptions, required: true }),
      field({ name: 'leadInstitutionId', key: 'commitment.lead', value: d.leadInstitutionId, type: 'select', options: allInstitutions, required: true, disabled: !canChangeLead, hintKey: canChangeLead ? null : 'commitmentForm.leadLocked' }),
      supporters,
      field({ name: 'policyAreas', key: 'commitment.policyAreas', value: (d.policyAreas ?? []).join('\n'), type: 'textarea', rows: 3, dir: 'auto', hintKey: 'commitmentForm.onePerLine' }),
      h('div', { class: 'field-row' },
        field({ name: 'start', key: 'commitmentForm.start', value: d.start, type: 'date', required: true }),
        field({ name: 'end', key: 'commitmentForm.end', value: d.end, type: 'date', required: true }))),
    h('div', { class: 'form-section' },
      h('h3', {}, text('commitmentForm.problem')),
      field({ name: 'baseline', key: 'commitment.baseline', value: d.baseline, type: 'textarea', rows: 4, dir: 'auto', attrs: { maxlength: 4000 } }),
      h('fieldset', { class: 'fieldset checks', dataset: { field: 'values' } },
        h('legend', {}, text('commitment.values')),
        h('p', { class: 'hint' }, text('commitmentForm.valuesHint')),
        h('div', { class: 'check-grid' }, VALUE_KEYS.map(k => checkbox({ name: `values.${k}`, key: `ogpValues.${k}`, checked: d.values?.[k] }))),
        errorSlot('values'))),
    h('div', { class: 'form-section' },
      h('h3', {}, text('commitmentForm.resources')),
      h('div', { class: 'field-row' },
        field({ name: 'budget.amount', key: 'commitmentForm.budgetAmount', value: budget?.amount ?? '', type: 'number', attrs: { min: 0, step: 'any', inputmode: 'decimal' }, hintKey: 'commitmentForm.budgetAmountHint' }),
        field({ name: 'budget.currency', key: 'commitmentForm.budgetCurrency', value: budget?.currency ?? 'TND', dir: 'ltr', attrs: { maxlength: 10, class: 'short' } })),
      field({ name: 'budget.source', key: 'commitmentForm.budgetSource', value: budget?.source ?? '', dir: 'auto', attrs: { maxlength: 500 } }),
      errorSlot('budget'),
      field({ name: 'nationalPlanLinks', key: 'commitment.nationalPlanLinks', value: (d.nationalPlanLinks ?? []).join('\n'), type: 'textarea', rows: 3, dir: 'auto', hintKey: 'commitmentForm.onePerLine' }),
      h('fieldset', { class: 'fieldset checks', dataset: { field: 'sdgs' } },
        h('legend', {}, text('commitment.sdgs')),
        h('div', { class: 'check-grid sdg-grid' }, Array.from({ length: 17 }, (_, i) => i + 1).map(n => checkbox({
          name: 'sdgs', value: String(n), label: t('commitment.sdg', { number: formatNumber(n) }), checked: (d.sdgs ?? []).includes(n),
        }))),
        errorSlot('sdgs'))),
    h('div', { class: 'form-section' },
      h('h3', {}, text('commitment.milestones')),
      milestones.node),
    h('div', { class: 'form-section' },
      h('h3', {}, text('commitmentForm.analysis')),
      h('p', { class: 'hint' }, text('commitmentForm.analysisHint')),
      field({ name: 'analysis.problemStatement', key: 'commitment.problemStatement', value: analysis?.problemStatement ?? '', type: 'textarea', rows: 3, dir: 'auto', attrs: { maxlength: 2000 } }),
      h('fieldset', { class: 'fieldset' }, h('legend', {}, text('commitment.causes')), causes.node),
      field({ name: 'analysis.entryPoints', key: 'commitment.entryPoints', value: (analysis?.entryPoints ?? []).join('\n'), type: 'textarea', rows: 3, dir: 'auto', hintKey: 'commitmentForm.onePerLine' }),
      errorSlot('analysis')),
    status,
    h('div', { class: 'form-actions' }, submit, cancel));

  // The supporters listed must not include the lead: keep the lead's box unticked and disabled.
  const leadSelect = form.querySelector('[name="leadInstitutionId"]');
  const syncLead = () => {
    for (const box of form.querySelectorAll('input[name="supportingInstitutionIds"]')) {
      const isLead = box.value === leadSelect.value;
      if (isLead) box.checked = false;
      box.disabled = isLead || !canChangeSupporters;
    }
  };
  leadSelect.addEventListener('change', syncLead);
  syncLead();

  function collect() {
    const amountText = valueOf(form, 'budget.amount').trim();
    const currency = valueOf(form, 'budget.currency').trim();
    const source = valueOf(form, 'budget.source').trim();
    const problemStatement = valueOf(form, 'analysis.problemStatement').trim();
    const categories = causes.read().map(c => ({ category: c.category, causes: lines(c.causes) }));
    const entryPoints = lines(valueOf(form, 'analysis.entryPoints'));
    const hasAnalysis = problemStatement || categories.length || entryPoints.length;
    return {
      number: d.number,
      title: { ar: valueOf(form, 'title.ar').trim(), fr: valueOf(form, 'title.fr').trim(), en: valueOf(form, 'title.en').trim() },
      axisId: valueOf(form, 'axisId'),
      leadInstitutionId: leadSelect.value,
      supportingInstitutionIds: [...form.querySelectorAll('input[name="supportingInstitutionIds"]:checked')].map(b => b.value),
      policyAreas: lines(valueOf(form, 'policyAreas')),
      start: valueOf(form, 'start'),
      end: valueOf(form, 'end'),
      baseline: valueOf(form, 'baseline').trim(),
      values: Object.fromEntries(VALUE_KEYS.map(k => [k, Boolean(valueOf(form, `values.${k}`))])),
      budget: amountText === '' && source === '' && !budget ? null : {
        amount: amountText === '' ? null : Number(amountText),
        currency: currency || 'TND',
        source,
      },
      nationalPlanLinks: lines(valueOf(form, 'nationalPlanLinks')),
      sdgs: [...form.querySelectorAll('input[name="sdgs"]:checked')].map(b => Number(b.value)),
      milestones: milestones.read(),
      analysis: hasAnalysis ? { problemStatement, causes: categories, entryPoints } : null,
    };
  }

  /** What the browser can tell before sending: dates the server could not even read. */
  function localErrors(details) {
    const errors = {};
    const required = t('forms.required');
    if (!details.start) errors.start = [required];
    if (!details.end) errors.end = [required];
    details.milestones.forEach((m, i) => {
      if (!m.start) errors[`milestones[${i}].start`] = [required];
      if (!m.end) errors[`milestones[${i}].end`] = [required];
    });
    if (details.budget && details.budget.amount !== null && !Number.isFinite(details.budget.amount)) errors['budget.amount'] = [t('forms.number')];
    return errors;
  }

  let currentEtag = etag;
  onSubmit(form, {
    summary,
    status,
    savedKey: 'commitmentForm.saved',
    onReload,
    save: async () => {
      const details = collect();
      const local = localErrors(details);
      if (Object.keys(local).length) {
        showFieldErrors(form, local, summary);
        return false;
      }
      const { data, etag: newEtag } = await send('PUT', `/api/commitments/${encodeURIComponent(commitment.id)}`, { body: details, ifMatch: currentEtag });
      currentEtag = newEtag ?? currentEtag;
      await onSaved?.(data, currentEtag);
      return true;
    },
  });

  /** After a language switch: data-driven option labels (names of axes and institutions). */
  function relabel() {
    for (const select of form.querySelectorAll('select[name="leadInstitutionId"], select[name$=".responsibleInstitutionId"]')) {
      for (const option of select.options) option.textContent = localized(institutions.get(option.value)?.name) || option.value;
    }
    for (const option of form.querySelector('select[name="axisId"]').options) {
      const axis = plan?.axes?.find(a => a.id === option.value);
      option.textContent = axis ? localized(axis.name) || axis.id : option.value;
    }
    for (const box of form.querySelectorAll('input[name="supportingInstitutionIds"]')) {
      const label = form.querySelector(`label[for="${box.id}"]`);
      if (label) label.textContent = localized(institutions.get(box.value)?.name) || box.value;
    }
    for (const box of form.querySelectorAll('input[name="sdgs"]')) {
      const label = form.querySelector(`label[for="${box.id}"]`);
      if (label) label.textContent = t('commitment.sdg', { number: formatNumber(Number(box.value)) });
    }
  }

  return { form, relabel };
}
