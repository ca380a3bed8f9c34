// Admin · the multi-stakeholder forum: every seat (name, organisation in three languages, side, co-chair,
// optional account id that lets the seat holder act as a forum member). PUT /api/plans/{id}/forum (If-Match).
import { h, replaceChildren } from '../dom.js';
import {
  checkbox, errorSlot, field, localizedFields, onSubmit, repeater, statusLine, text, valueOf,
} from '../forms.js';
import { enumLabel, t } from '../i18n.js';
import { ENUMS } from '../lifecycle.js';
import { send } from '../resource.js';

function sideOptions() {
  return ENUMS.side.map(s => ({ value: s, label: enumLabel('side', s) }));
}

export function mountForumAdmin(container, state) {
  const summary = h('div', { class: 'alert error', role: 'alert', hidden: true, id: 'forum-errors' });
  const status = statusLine('forum-status');
  const members = repeater({
    name: 'members',
    items: state.plan.forum ?? [],
    addKey: 'adminManage.addMember',
    removeKey: 'adminManage.remove',
    itemClass: 'member-editor',
    blank: () => ({ name: '', organisation: { ar: '', fr: '', en: '' }, side: 'Government', coChair: false, userId: null }),
    draw: (m, p) => h('div', { class: 'member-fields' },
      field({ name: `${p}.name`, key: 'adminManage.memberName', value: m.name, required: true, dir: 'auto', attrs: { maxlength: 200 } }),
      localizedFields({ name: `${p}.organisation`, key: 'adminManage.organisation', value: m.organisation }),
      h('div', { class: 'field-row' },
        field({ name: `${p}.side`, key: 'adminManage.side', value: m.side, type: 'select', options: sideOptions(), required: true }),
        field({ name: `${p}.userId`, key: 'adminManage.userId', value: m.userId ?? '', dir: 'ltr', hintKey: 'adminManage.userIdHint', attrs: { maxlength: 450 } })),
      checkbox({ name: `${p}.coChair`, key: 'plan.coChair', checked: m.coChair })),
    read: (node, p) => ({
      name: valueOf(node, `${p}.name`).trim(),
      organisation: {
        ar: valueOf(node, `${p}.organisation.ar`).trim(),
        fr: valueOf(node, `${p}.organisation.fr`).trim(),
        en: valueOf(node, `${p}.organisation.en`).trim(),
      },
      side: valueOf(node, `${p}.side`),
      coChair: Boolean(valueOf(node, `${p}.coChair`)),
      userId: valueOf(node, `${p}.userId`).trim() || null,
    }),
  });
  const form = h('form', { id: 'forum-form', class: 'edit-form', novalidate: true },
    h('p', { class: 'muted' }, text('adminManage.forumLead')),
    summary,
    members.node,
    errorSlot('members'),
    status,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'forum-save' }, text('adminManage.saveForum'))));
  onSubmit(form, {
    summary,
    status,
    savedKey: 'adminManage.saved',
    save: async () => {
      const { data, etag } = await send('PUT', `/api/plans/${encodeURIComponent(state.plan.id)}/forum`, {
        body: { members: members.read() }, ifMatch: state.planEtag,
      });
      state.plan = data;
      state.planEtag = etag ?? state.planEtag;
      renderSummary();
      return true;
    },
  });
  replaceChildren(container,
    h('ul', { class: 'plain-list', id: 'forum-summary' }),
    h('details', { class: 'sub-card', id: 'forum-panel' }, h('summary', {}, text('adminManage.editSeats')), form));
  const renderSummary = () => replaceChildren(container.querySelector('#forum-summary'), (state.plan.forum ?? []).map(m =>
    h('li', {}, h('bdi', {}, m.name), ' · ', enumLabel('side', m.side), m.coChair ? [' · ', t('plan.coChair')] : null)));
  renderSummary();
  return {
    render() {
      renderSummary();
      for (const select of form.querySelectorAll('select[name$=".side"]')) {
        for (const option of select.options) option.textContent = enumLabel('side', option.value);
      }
    },
  };
}
