// Admin · institutions: the list, registering a new one (POST /api/institutions), changing names, kind and
// acronym (PUT /api/institutions/{id}, If-Match) and naming focal points and alternates by account id
// (PUT /api/institutions/{id}/focal-points, If-Match).
import { h, replaceChildren } from '../dom.js';
import {
  field, lines, localizedFields, onSubmit, statusLine, text, valueOf,
} from '../forms.js';
import { enumLabel, formatNumber, localized, t } from '../i18n.js';
import { institutionHref } from '../history.js';
import { ENUMS } from '../lifecycle.js';
import { getVersioned, send } from '../resource.js';

function kindOptions(withBlank) {
  return [
    ...(withBlank ? [{ value: '', label: t('adminManage.chooseKind') }] : []),
    ...ENUMS.institutionKind.map(k => ({ value: k, label: enumLabel('institutionKind', k) })),
  ];
}

function readName(form) {
  return {
    ar: valueOf(form, 'name.ar').trim(),
    fr: valueOf(form, 'name.fr').trim(),
    en: valueOf(form, 'name.en').trim(),
  };
}

function sortInstitutions(list) {
  return [...list].sort((a, b) => (localized(a.name) || a.id).localeCompare(localized(b.name) || b.id));
}

export function mountInstitutionsAdmin(container, state) {
  const table = h('table', { class: 'data', id: 'admin-institutions' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', 'data-i18n': 'institutionPage.name' }, t('institutionPage.name')),
      h('th', { scope: 'col', 'data-i18n': 'adminManage.id' }, t('adminManage.id')),
      h('th', { scope: 'col', 'data-i18n': 'institutionPage.kind' }, t('institutionPage.kind')),
      h('th', { scope: 'col', 'data-i18n': 'fieldLabels.focalPoints' }, t('fieldLabels.focalPoints')),
      h('th', { scope: 'col', 'data-i18n': 'adminManage.actions' }, t('adminManage.actions')))),
    h('tbody'));
  const editor = h('div', { id: 'institution-editor', class: 'sub-card', hidden: true });

  // ---- Registering an institution ----
  const createSummary = h('div', { class: 'alert error', role: 'alert', hidden: true, id: 'institution-create-errors' });
  const createStatus = statusLine('institution-create-status');
  const createForm = h('form', { id: 'institution-create-form', class: 'edit-form', novalidate: true },
    createSummary,
    field({ name: 'id', key: 'adminManage.institutionId', required: true, dir: 'ltr', hintKey: 'adminManage.idHint', attrs: { maxlength: 80, autocomplete: 'off' } }),
    localizedFields({ name: 'name', key: 'institutionPage.names' }),
    h('div', { class: 'field-row' },
      field({ name: 'kind', key: 'institutionPage.kind', type: 'select', options: kindOptions(true), required: true }),
      field({ name: 'acronym', key: 'institutionPage.acronym', dir: 'auto', attrs: { maxlength: 40 } })),
    createStatus,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'institution-create' }, text('adminManage.register'))));
  onSubmit(createForm, {
    summary: createSummary,
    status: null,
    save: async () => {
      const body = {
        id: valueOf(createForm, 'id').trim(),
        planId: state.plan.id,
        name: readName(createForm),
        kind: valueOf(createForm, 'kind') || null,
        acronym: valueOf(createForm, 'acronym').trim() || null,
      };
      const { data } = await send('POST', '/api/institutions', { body });
      state.institutions = [...state.institutions.filter(i => i.id !== data.id), data];
      createForm.reset();
      renderTable();
      replaceChildren(createStatus, t('adminManage.registered'), ' ',
        h('a', { href: institutionHref(data.id), id: 'institution-created-link', dir: 'auto' }, localized(data.name) || data.id));
      return true;
    },
  });

  // ---- Editing one institution (definition and focal points) ----
  async function openEditor(id) {
    replaceChildren(editor, h('p', { class: 'muted' }, t('common.loading')));
    editor.hidden = false;
    let institution;
    let etag;
    try {
      ({ data: institution, etag } = await getVersioned(`/api/institutions/${encodeURIComponent(id)}`));
    } catch (error) {
      replaceChildren(editor, h('p', { class: 'alert error' }, String(error.message)));
      return;
    }
    const current = { institution, etag };
    const replaceInList = saved => {
      current.institution = saved;
      state.institutions = state.institutions.map(i => (i.id === saved.id ? saved : i));
      renderTable();
    };

    const defSummary = h('div', { class: 'alert error', role: 'alert', hidden: true, id: 'institution-edit-errors' });
    const defStatus = statusLine('institution-edit-status');
    const defForm = h('form', { id: 'institution-edit-form', class: 'edit-form', novalidate: true, dataset: { institutionId: id } },
      h('h4', {}, text('adminManage.editDefinition')),
      defSummary,
      localizedFields({ name: 'name', key: 'institutionPage.names', value: institution.name }),
      h('div', { class: 'field-row' },
        field({ name: 'kind', key: 'institutionPage.kind', value: institution.kind, type: 'select', options: kindOptions(false), required: true }),
        field({ name: 'acronym', key: 'institutionPage.acronym', value: institution.acronym ?? '', dir: 'auto', attrs: { maxlength: 40 } })),
      defStatus,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'institution-save' }, text('commitmentForm.save'))));
    onSubmit(defForm, {
      summary: defSummary,
      status: defStatus,
      savedKey: 'adminManage.saved',
      onReload: () => openEditor(id),
      save: async () => {
        const body = { name: readName(defForm), kind: valueOf(defForm, 'kind'), acronym: valueOf(defForm, 'acronym').trim() || null };
        const { data, etag: next } = await send('PUT', `/api/institutions/${encodeURIComponent(id)}`, { body, ifMatch: current.etag });
        current.etag = next ?? current.etag;
        replaceInList(data);
        return true;
      },
    });

    const fpSummary = h('div', { class: 'alert error', role: 'alert', hidden: true, id: 'focal-points-errors' });
    const fpStatus = statusLine('focal-points-status');
    const fpForm = h('form', { id: 'focal-points-form', class: 'edit-form', novalidate: true, dataset: { institutionId: id } },
      h('h4', {}, text('institutionPage.focalPoints')),
      h('p', { class: 'hint' }, text('adminManage.accountIdsHint'),
        state.me?.id ? [' ', t('adminManage.yourId'), ' ', h('code', { id: 'admin-own-id' }, state.me.id)] : null),
      fpSummary,
      field({ name: 'focalPoints', key: 'fieldLabels.focalPoints', value: (institution.focalPoints ?? []).join('\n'), type: 'textarea', rows: 3, dir: 'ltr', hintKey: 'commitmentForm.onePerLine' }),
      field({ name: 'alternates', key: 'fieldLabels.alternates', value: (institution.alternates ?? []).join('\n'), type: 'textarea', rows: 3, dir: 'ltr', hintKey: 'commitmentForm.onePerLine' }),
      fpStatus,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'focal-points-save' }, text('adminManage.saveFocalPoints'))));
    onSubmit(fpForm, {
      summary: fpSummary,
      status: fpStatus,
      savedKey: 'adminManage.saved',
      onReload: () => openEditor(id),
      save: async () => {
        const body = { focalPoints: lines(valueOf(fpForm, 'focalPoints')), alternates: lines(valueOf(fpForm, 'alternates')) };
        const { data, etag: next } = await send('PUT', `/api/institutions/${encodeURIComponent(id)}/focal-points`, { body, ifMatch: current.etag });
        current.etag = next ?? current.etag;
        replaceInList(data);
        return true;
      },
    });

    const close = h('button', { type: 'button', class: 'btn secondary', id: 'institution-editor-close' }, text('adminManage.close'));
    close.addEventListener('click', () => {
      editor.hidden = true;
      replaceChildren(editor);
      table.querySelector(`tr[data-institution-id="${CSS.escape(id)}"] button`)?.focus();
    });
    replaceChildren(editor,
      h('div', { class: 'section-head' },
        h('h3', { dir: 'auto' }, localized(institution.name) || id, ' ', h('code', { class: 'muted' }, id)),
        close),
      h('div', { class: 'form-grid' }, defForm, fpForm));
    editor.scrollIntoView({ block: 'start' });
    defForm.querySelector('input')?.focus({ preventScroll: true });
  }

  function renderTable() {
    const rows = sortInstitutions(state.institutions);
    replaceChildren(table.tBodies[0], rows.map(i => {
      const edit = h('button', { type: 'button', class: 'btn small secondary', dataset: { action: 'edit' } }, t('adminManage.edit'));
      edit.addEventListener('click', () => openEditor(i.id));
      return h('tr', { dataset: { institutionId: i.id } },
        h('td', {}, h('a', { href: institutionHref(i.id), dir: 'auto' }, localized(i.name) || i.id),
          i.acronym ? h('span', { class: 'muted' }, ' (', h('bdi', {}, i.acronym), ')') : null),
        h('td', {}, h('code', {}, i.id)),
        h('td', {}, enumLabel('institutionKind', i.kind)),
        h('td', { class: 'num' }, formatNumber((i.focalPoints ?? []).length + (i.alternates ?? []).length)),
        h('td', {}, edit));
    }));
    container.dataset.count = String(rows.length);
  }

  replaceChildren(container,
    h('div', { class: 'table-wrap' }, table),
    editor,
    h('details', { class: 'sub-card', id: 'institution-create-panel' },
      h('summary', { 'data-i18n': 'adminManage.registerHeading' }, t('adminManage.registerHeading')),
      createForm));
  renderTable();

  return {
    render() {
      renderTable();
      for (const select of container.querySelectorAll('select[name="kind"]')) {
        for (const option of select.options) {
          option.textContent = option.value ? enumLabel('institutionKind', option.value) : t('adminManage.chooseKind');
        }
      }
    },
  };
}
