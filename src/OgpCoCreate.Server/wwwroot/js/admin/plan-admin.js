// Admin · the plan: its status (moves along the plan's lifecycle, with a reason) and its definition
// (country, title, period, axes, co-creation timeline). PUT /api/plans/{id}, POST /api/plans/{id}/transitions,
// both with If-Match.
import { h, replaceChildren } from '../dom.js';
import {
  errorSlot, field, localizedFields, onSubmit, repeater, showSaveError, statusLine, text, valueOf,
} from '../forms.js';
import { enumLabel, t } from '../i18n.js';
import { historyHref } from '../history.js';
import { planNextStatuses } from '../lifecycle.js';
import { send } from '../resource.js';
import { statusBadge } from '../views.js';

function readLocalized(node, name) {
  return {
    ar: (valueOf(node, `${name}.ar`) ?? '').trim(),
    fr: (valueOf(node, `${name}.fr`) ?? '').trim(),
    en: (valueOf(node, `${name}.en`) ?? '').trim(),
  };
}

function statusBlock(state) {
  const summary = h('div', { class: 'alert error', role: 'alert', hidden: true, id: 'plan-transition-errors' });
  const status = statusLine('plan-transition-status');
  const current = h('p', { id: 'plan-status-current' });
  const buttons = h('div', { class: 'transition-buttons', id: 'plan-transition-buttons' });
  const form = h('form', { id: 'plan-transition-form', class: 'edit-form', novalidate: true },
    h('h3', {}, text('adminManage.planStatus')),
    current,
    field({ name: 'reason', key: 'commitmentPage.reason', type: 'textarea', rows: 2, dir: 'auto', attrs: { maxlength: 2000 } }),
    buttons, summary, status);

  async function move(to) {
    const reason = (valueOf(form, 'reason') ?? '').trim();
    summary.hidden = true;
    status.textContent = '';
    for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    try {
      const { data, etag } = await send('POST', `/api/plans/${encodeURIComponent(state.plan.id)}/transitions`, {
        body: { to, reason: reason || null }, ifMatch: state.planEtag,
      });
      state.plan = data;
      state.planEtag = etag ?? state.planEtag;
      form.querySelector('[name="reason"]').value = '';
      render();
      status.textContent = t('adminManage.planMoved', { status: enumLabel('planStatus', data.status) });
    } catch (error) {
      showSaveError(form, summary, error);
      for (const b of buttons.querySelectorAll('button')) b.disabled = false;
    }
  }

  function render() {
    replaceChildren(current, h('span', { class: 'muted' }, t('plan.status'), ' '), statusBadge('planStatus', state.plan.status, { id: 'plan-status-badge' }));
    const next = planNextStatuses(state.plan.status);
    replaceChildren(buttons, next.length
      ? next.map(to => {
        const button = h('button', { type: 'button', class: 'btn secondary', dataset: { to } }, t('commitmentPage.moveToStatus', { status: enumLabel('planStatus', to) }));
        button.addEventListener('click', () => move(to));
        return button;
      })
      : h('p', { class: 'muted' }, t('adminManage.planFinal')));
  }
  render();
  return { node: form, render };
}

function definitionForm(state, onSaved) {
  const plan = state.plan;
  const summary = h('div', { class: 'alert error', role: 'alert', hidden: true, id: 'plan-definition-errors' });
  const status = statusLine('plan-definition-status');
  const axes = repeater({
    name: 'axes',
    items: plan.axes ?? [],
    addKey: 'adminManage.addAxis',
    removeKey: 'adminManage.remove',
    blank: items => ({ id: `axis-${items.length + 1}`, name: { ar: '', fr: '', en: '' } }),
    draw: (axis, p) => h('div', { class: 'axis-fields' },
      field({ name: `${p}.id`, key: 'adminManage.id', value: axis.id, required: true, dir: 'ltr', attrs: { maxlength: 80, class: 'short' } }),
      localizedFields({ name: `${p}.name`, key: 'adminManage.axisName', value: axis.name })),
    read: (node, p) => ({ id: valueOf(node, `${p}.id`).trim(), name: readLocalized(node, `${p}.name`) }),
  });
  const timeline = repeater({
    name: 'timeline',
    items: plan.timeline ?? [],
    addKey: 'adminManage.addPhase',
    removeKey: 'adminManage.remove',
    blank: items => ({ id: `phase-${items.length + 1}`, name: { ar: '', fr: '', en: '' }, start: plan.start, end: plan.end }),
    draw: (phase, p) => h('div', { class: 'phase-fields' },
      field({ name: `${p}.id`, key: 'adminManage.id', value: phase.id, required: true, dir: 'ltr', attrs: { maxlength: 80, class: 'short' } }),
      localizedFields({ name: `${p}.name`, key: 'adminManage.phaseName', value: phase.name }),
      h('div', { class: 'field-row' },
        field({ name: `${p}.start`, key: 'commitmentForm.start', value: phase.start, type: 'date', required: true }),
        field({ name: `${p}.end`, key: 'commitmentForm.end', value: phase.end, type: 'date', required: true }))),
    read: (node, p) => ({
      id: valueOf(node, `${p}.id`).trim(),
      name: readLocalized(node, `${p}.name`),
      start: valueOf(node, `${p}.start`),
      end: valueOf(node, `${p}.end`),
    }),
  });
  const form = h('form', { id: 'plan-definition-form', class: 'edit-form', novalidate: true },
    summary,
    field({ name: 'country', key: 'plan.country', value: plan.country, required: true, dir: 'auto', attrs: { maxlength: 80 } }),
    localizedFields({ name: 'title', key: 'commitmentForm.title', value: plan.title, type: 'textarea' }),
    h('div', { class: 'field-row' },
      field({ name: 'start', key: 'commitmentForm.start', value: plan.start, type: 'date', required: true }),
      field({ name: 'end', key: 'commitmentForm.end', value: plan.end, type: 'date', required: true })),
    h('fieldset', { class: 'fieldset' }, h('legend', {}, text('plan.axes')), axes.node),
    h('fieldset', { class: 'fieldset' }, h('legend', {}, text('plan.timeline')), timeline.node),
    errorSlot('definition'),
    status,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'plan-definition-save' }, text('commitmentForm.save'))));
  onSubmit(form, {
    summary,
    status,
    savedKey: 'adminManage.saved',
    save: async () => {
      const body = {
        country: valueOf(form, 'country').trim(),
        title: readLocalized(form, 'title'),
        start: valueOf(form, 'start') || null,
        end: valueOf(form, 'end') || null,
        axes: axes.read(),
        timeline: timeline.read(),
      };
      const { data, etag } = await send('PUT', `/api/plans/${encodeURIComponent(state.plan.id)}`, { body, ifMatch: state.planEtag });
      state.plan = data;
      state.planEtag = etag ?? state.planEtag;
      onSaved?.();
      return true;
    },
  });
  return h('details', { class: 'sub-card', id: 'plan-definition-panel' },
    h('summary', {}, text('adminManage.planDefinition')),
    form);
}

/** Mounts the plan section; returns { render } for language switches and plan changes. */
export function mountPlanAdmin(container, state) {
  const block = statusBlock(state);
  const history = h('p', {}, h('a', { href: historyHref('plan', state.plan.id), id: 'admin-plan-history' }, text('planPage.history')));
  replaceChildren(container, history, block.node, definitionForm(state, () => block.render()));
  return { render: () => block.render() };
}
