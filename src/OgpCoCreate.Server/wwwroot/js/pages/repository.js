// Public repository (repository.html): everything the co-creation produced, public, dated, with permanent
// links. Two views of the same public record (GET /api/public/plans/{id}/repository, read as an anonymous
// visitor whoever asks):
//   ?plan=tn-nap5          the plan: downloads, timeline, forum, commitments, rounds, approvals, history
//   ?commitment=tn-nap5-01 one commitment: template, current and approved texts, milestones, approvals, contributions
// A round's threads are on its own page (round.html?id=…), the full journal on history.html: linked, not repeated.
// Every text typed by a person goes in as text (textContent), never as HTML.
import { getJson } from '../api.js';
import { byId, h, replaceChildren } from '../dom.js';
import {
  countryName, enumLabel, formatDate, formatDateRange, formatDateTime, formatNumber, localized, t, tp,
} from '../i18n.js';
import { showError, startPage } from '../shell.js';
import { statusBadge } from '../views.js';

const params = new URLSearchParams(window.location.search);
const VIEW = params.get('commitment') ? { kind: 'commitment', id: params.get('commitment') }
  : { kind: 'plan', id: params.get('plan') || 'tn-nap5' };

const enc = encodeURIComponent;

async function load() {
  let planId = VIEW.id;
  if (VIEW.kind === 'commitment') {
    planId = (await getJson(`/api/public/commitments/${enc(VIEW.id)}`)).planId;
  }
  const repo = await getJson(`/api/public/plans/${enc(planId)}/repository`);
  return {
    repo,
    institutions: new Map(repo.institutions.map(i => [i.id, i])),
    commitments: new Map(repo.commitments.map(c => [c.id, c])),
  };
}

// ---- small helpers --------------------------------------------------------------------------------------

const free = (text, attributes = {}) => h('span', { dir: 'auto', ...attributes }, text ?? '');
const shortHash = hash => (hash ? String(hash).slice(0, 12) : '');
const hashCode = hash => (hash ? h('code', { class: 'hash', title: hash, dir: 'ltr' }, shortHash(hash)) : t('common.none'));

function updated(at) {
  return at ? h('time', { datetime: at, class: 'updated' }, formatDateTime(at)) : t('common.none');
}

function institutionName(data, id) {
  const institution = data.institutions.get(id);
  return institution ? localized(institution.name) || id : id ?? '';
}

function commitmentLabel(data, id) {
  const c = data.commitments.get(id);
  return c ? t('publishing.repo.numbered', { number: formatNumber(c.details.number), title: localized(c.details.title) }) : id;
}

function roundHref(id) {
  return `/round.html?id=${enc(id)}`;
}

function repoHref(kind, id) {
  return `/repository.html?${kind}=${enc(id)}`;
}

function meta(items) {
  replaceChildren(byId('repo-meta'), items.filter(Boolean).map(([label, value, id]) =>
    h('div', {}, h('dt', {}, label), h('dd', { id }, value))));
}

function permalink(path) {
  const link = byId('repo-permalink');
  const url = new URL(path, window.location.origin).toString();
  link.href = path;
  link.textContent = url;
}

function showView(kind) {
  for (const name of ['plan', 'commitment']) {
    byId(`${name}-view`).hidden = name !== kind;
  }
}

function breadcrumb(text) {
  byId('breadcrumb-current-item').hidden = !text;
  replaceChildren(byId('breadcrumb-current'), text ?? '');
  byId('breadcrumb-repository').href = repoHref('plan', VIEW.planId ?? 'tn-nap5');
}

function emptyRow(table, columns, key) {
  replaceChildren(table.tBodies[0], h('tr', {}, h('td', { colspan: columns, class: 'muted' }, t(key))));
}

// ---- the plan -------------------------------------------------------------------------------------------

function renderPlan(ctx) {
  const { repo } = ctx.data;
  const plan = repo.plan;
  showView('plan');
  breadcrumb(null);
  ctx.setTitle(t('publishing.repo.pageTitle'));
  replaceChildren(byId('repo-title'), localized(plan.title) || plan.id);
  byId('repo-eyebrow').textContent = t('publishing.repo.eyebrow');
  byId('repo-lead').textContent = t('publishing.repo.lead');
  meta([
    [t('plan.country'), countryName(plan.country), 'repo-country'],
    [t('plan.period'), formatDateRange(plan.start, plan.end, { year: 'numeric', month: 'long' }), 'repo-period'],
    [t('plan.status'), statusBadge('planStatus', plan.status), 'repo-status'],
    [t('publishing.repo.lastUpdated'), updated(repo.lastUpdated), 'repo-last-updated'],
  ]);
  permalink(plan.url);
  replaceChildren(byId('repo-actions'),
    h('a', { class: 'btn', id: 'repo-print-link', href: `${repo.links.print}&lang=${enc(document.documentElement.lang)}` }, t('publishing.repo.printView')),
    h('a', { class: 'btn secondary', href: '/' }, t('publishing.repo.planPage')));

  renderDownloads(repo);
  renderTimeline(plan);
  renderForum(plan);
  renderCommitments(ctx.data);
  renderRounds(ctx.data);
  renderApprovals(ctx.data);

  byId('repo-history-link').href = repo.links.history;
  byId('repo-journal-csv').href = `${repo.links.openDataIndex}/journal_events.csv`;
  byId('repo-journal-json').href = `${repo.links.openDataIndex}/journal_events.json`;
}

function renderDownloads(repo) {
  const links = repo.links;
  const item = (id, href, label, description) => h('li', { dataset: { download: id } },
    h('a', { href, id: `download-${id}` }, label),
    description ? h('span', { class: 'muted' }, description) : null);
  replaceChildren(byId('download-list'),
    item('docx-ar', links.actionPlanDocx.ar, t('publishing.repo.docxAr'), t('publishing.repo.docxHint')),
    item('docx-fr', links.actionPlanDocx.fr, t('publishing.repo.docxFr'), t('publishing.repo.docxHint')),
    item('docx-en', links.actionPlanDocx.en, t('publishing.repo.docxEn'), t('publishing.repo.docxHint')),
    item('print', `${links.print}&lang=${enc(document.documentElement.lang)}`, t('publishing.repo.printView'), t('publishing.repo.printHint')),
    item('zip', links.openDataZip, t('publishing.repo.zip'), t('publishing.repo.zipHint')),
    item('open-data', links.openDataIndex, t('publishing.repo.openDataIndex'), t('publishing.repo.openDataHint')),
    item('api', '/api-reference', t('publishing.repo.api'), t('publishing.repo.apiHint')));
}

function renderTimeline(plan) {
  const list = byId('repo-timeline');
  if (!plan.timeline.length) {
    replaceChildren(list, h('li', { class: 'muted' }, t('plan.noTimeline')));
    return;
  }
  const today = new Date().toISOString().slice(0, 10);
  replaceChildren(list, plan.timeline.map(phase => {
    const state = phase.end < today ? 'past' : phase.start > today ? 'upcoming' : 'current';
    return h('li', { dataset: { phaseId: phase.id, state }, 'aria-current': state === 'current' ? 'step' : null },
      h('div', { class: 'phase-name' }, h('span', {}, localized(phase.name) || phase.id)),
      h('div', { class: 'phase-dates' }, formatDateRange(phase.start, phase.end)));
  }));
}

function renderForum(plan) {
  replaceChildren(byId('repo-forum-updated'), t('publishing.repo.updatedOn', { date: formatDateTime(plan.updatedAt) }));
  const list = byId('repo-forum');
  if (!plan.forum.length) {
    replaceChildren(list, h('li', { class: 'muted' }, t('plan.noForum')));
    return;
  }
  replaceChildren(list, plan.forum.map(member => h('li', { dataset: { side: member.side, coChair: String(member.coChair) } },
    free(member.name, { class: 'member-name' }),
    h('span', { class: 'member-org' }, localized(member.organisation)),
    h('span', { class: 'member-badges' },
      h('span', { class: member.side === 'CivilSociety' ? 'badge accent' : 'badge' }, enumLabel('side', member.side)),
      member.coChair ? h('span', { class: 'badge warning' }, t('plan.coChair')) : null))));
}

function approvedCell(c) {
  const v = c.approvedVersion;
  if (!v) return h('span', { class: 'muted', dataset: { approved: 'false' } }, t('publishing.repo.notApproved'));
  return h('span', { dataset: { approved: 'true', current: String(v.current) } },
    h('time', { datetime: v.approvedAt }, formatDate(v.approvedAt.slice(0, 10))), ' ',
    h('span', { class: v.current ? 'badge success' : 'badge warning' }, t(v.current ? 'publishing.repo.approvedCurrent' : 'publishing.repo.approvedChanged')));
}

function renderCommitments(data) {
  const { repo } = data;
  const table = byId('repo-commitments');
  replaceChildren(byId('repo-commitments-count'), tp('plan.commitmentCount', repo.commitments.length));
  if (!repo.commitments.length) {
    emptyRow(table, 6, 'plan.noCommitments');
    return;
  }
  replaceChildren(table.tBodies[0], repo.commitments.map(c => h('tr', { dataset: { commitmentId: c.id } },
    h('td', { class: 'num' }, formatNumber(c.details.number)),
    h('td', {}, h('a', { href: c.url, dir: 'auto' }, localized(c.details.title) || c.id)),
    h('td', {}, institutionName(data, c.details.leadInstitutionId)),
    h('td', {}, statusBadge('commitmentStatus', c.status)),
    h('td', {}, approvedCell(c)),
    h('td', {}, updated(c.lastUpdated)))));
}

function roundStatus(status) {
  return h('span', { class: 'badge', dataset: { status } }, enumLabel('publishing.roundStatus', status));
}

function renderRounds(data) {
  const { repo } = data;
  const table = byId('repo-rounds');
  replaceChildren(byId('repo-rounds-count'), formatNumber(repo.rounds.length));
  if (!repo.rounds.length) {
    emptyRow(table, 7, 'publishing.repo.noRounds');
    return;
  }
  replaceChildren(table.tBodies[0], repo.rounds.map(r => h('tr', { dataset: { roundId: r.id } },
    h('td', {}, h('a', { href: r.url, dir: 'auto' }, localized(r.title) || r.id)),
    h('td', {}, enumLabel('publishing.roundScope', r.scope)),
    h('td', {}, formatDateRange(r.opensAt.slice(0, 10), r.closesAt.slice(0, 10))),
    h('td', {}, roundStatus(r.status)),
    h('td', { class: 'num' }, formatNumber(r.contributions)),
    h('td', { class: 'num' }, formatNumber(r.answered)),
    h('td', {}, updated(r.updatedAt)))));
}

function decisionRow(data, d, withCommitment = true) {
  return h('tr', { dataset: { sequence: d.sequence, event: d.eventType } },
    h('td', {}, updated(d.at)),
    withCommitment ? h('td', {}, h('a', { href: repoHref('commitment', d.commitmentId), dir: 'auto' }, commitmentLabel(data, d.commitmentId))) : null,
    h('td', {}, enumLabel('publishing.decision', d.eventType), d.slot ? h('span', { class: 'muted' }, ` · ${slotLabel(data, d.slot)}`) : null),
    h('td', {}, d.byName ? free(d.byName) : t('history.system')),
    h('td', {}, hashCode(d.contentHash)));
}

function slotLabel(data, slot) {
  if (slot === 'forum-government') return t('publishing.repo.forumGovernment');
  if (slot === 'forum-civil-society') return t('publishing.repo.forumCivilSociety');
  return institutionName(data, slot);
}

function renderApprovals(data) {
  const { repo } = data;
  const adoption = repo.plan.adoption;
  const approvedNow = repo.commitments.filter(c => c.approvedVersion?.current).length;
  replaceChildren(byId('repo-adoption'),
    adoption?.adopted
      ? t('publishing.repo.adopted', { date: formatDateTime(adoption.adoptedAt), name: adoption.adoptedByName ?? '' })
      : t('publishing.repo.notAdopted'),
    ' ',
    t('publishing.repo.approvedCount', { approved: formatNumber(approvedNow), total: formatNumber(repo.commitments.length) }));
  const table = byId('repo-decisions');
  const decisions = repo.approvalDecisions.slice().reverse();
  if (!decisions.length) {
    emptyRow(table, 5, 'publishing.repo.noDecisions');
    return;
  }
  replaceChildren(table.tBodies[0], decisions.map(d => decisionRow(data, d)));
}

// ---- one commitment -------------------------------------------------------------------------------------

const TEXT_FIELDS = ['problem', 'statusQuo', 'description', 'contribution', 'ogpRelevance', 'ambition'];

function renderCommitment(ctx) {
  const data = ctx.data;
  const c = data.commitments.get(VIEW.id);
  if (!c) throw new Error(t('commitment.notFound'));
  const d = c.details;
  const title = localized(d.title) || c.id;
  showView('commitment');
  const numbered = t('publishing.repo.commitmentNumber', { number: formatNumber(d.number) });
  breadcrumb(numbered);
  ctx.setTitle(title);
  byId('repo-eyebrow').textContent = numbered;
  replaceChildren(byId('repo-title'), free(title));
  byId('repo-lead').textContent = t('publishing.repo.commitmentLead');
  meta([
    [t('plan.status'), statusBadge('commitmentStatus', c.status), 'repo-status'],
    [t('commitment.period'), formatDateRange(d.start, d.end), 'repo-period'],
    [t('publishing.repo.lastUpdated'), updated(c.lastUpdated), 'repo-last-updated'],
  ]);
  permalink(c.url);
  replaceChildren(byId('repo-actions'),
    h('a', { class: 'btn', href: `/commitment.html?id=${enc(c.id)}`, id: 'repo-commitment-page' }, t('publishing.repo.commitmentPage')),
    h('a', { class: 'btn secondary', href: c.historyUrl, id: 'repo-commitment-history' }, t('publishing.repo.openHistory')),
    h('a', { class: 'btn secondary', href: repoHref('plan', c.planId) }, t('publishing.repo.backToPlan')));

  const supporters = d.supportingInstitutionIds.map(id => institutionName(data, id));
  const field = (label, value) => [h('dt', {}, label), h('dd', {}, value || t('common.none'))];
  replaceChildren(byId('c-fields'),
    field(t('publishing.doc.f.id'), h('code', { dir: 'ltr' }, c.id)),
    field(t('publishing.doc.f.lead'), h('a', { href: `/institution.html?id=${enc(d.leadInstitutionId)}` }, institutionName(data, d.leadInstitutionId))),
    field(t('commitment.supporting'), supporters.join(' · ')),
    field(t('publishing.doc.f.axis'), localized(data.repo.plan.axes.find(a => a.id === d.axisId)?.name) || d.axisId),
    field(t('publishing.doc.f.policyAreas'), d.policyAreas.join(', ')),
    field(t('publishing.doc.f.baseline'), free(d.baseline, { class: 'pre-line' })),
    field(t('publishing.repo.updatedFields'), updated(c.updatedAt)));

  renderTexts(c);
  renderMilestones(data, c);
  renderSlots(data, c);
  renderContributions(data, data.repo.contributions.filter(x => x.commitmentId === c.id), byId('c-contributions'));
}

function renderTexts(c) {
  const approved = c.approvedVersion;
  replaceChildren(byId('c-approved-summary'), approved
    ? t('publishing.repo.approvedSummary', {
      date: formatDateTime(approved.approvedAt),
      hash: shortHash(approved.contentHash),
      names: approved.signatures.map(s => s.byName).filter(Boolean).join(', ') || t('common.none'),
    })
    : t('publishing.repo.notApprovedLong'));
  replaceChildren(byId('c-texts'), TEXT_FIELDS.map(name => {
    const current = c.texts.find(x => x.field === name);
    const then = approved?.texts.find(x => x.field === name);
    const same = then && current && then.version === current.version;
    return h('article', { class: 'card text-card', dataset: { field: name } },
      h('h3', {}, t(`textFields.${name}`)),
      h('div', { class: 'text-columns' },
        h('section', { class: 'text-version', dataset: { version: 'current' } },
          h('h4', {}, t('publishing.repo.currentText'),
            h('span', { class: 'muted' }, ` · v${current?.version ?? 0} · `, updated(current?.updatedAt))),
          h('p', { class: 'pre-line live-text', dir: 'auto' }, current?.text ?? '')),
        approved ? h('section', { class: 'text-version', dataset: { version: 'approved' } },
          h('h4', {}, t('publishing.repo.approvedText'), h('span', { class: 'muted' }, ` · v${then?.version ?? 0}`)),
          same
            ? h('p', { class: 'muted' }, t('publishing.repo.sameAsApproved'))
            : h('p', { class: 'pre-line live-text', dir: 'auto' }, then?.text ?? '')) : null));
  }));
}

function renderMilestones(data, c) {
  const table = byId('c-milestones');
  if (!c.details.milestones.length) {
    emptyRow(table, 5, 'commitment.noMilestones');
    return;
  }
  replaceChildren(table.tBodies[0], c.details.milestones.map((m, i) => h('tr', { dataset: { milestoneId: m.id } },
    h('td', { class: 'num' }, formatNumber(i + 1)),
    h('td', {}, free(m.action)),
    h('td', {}, free(m.expectedOutput)),
    h('td', { class: 'nowrap' }, formatDateRange(m.start, m.end)),
    h('td', {}, institutionName(data, m.responsibleInstitutionId)))));
}

function renderSlots(data, c) {
  const table = byId('c-slots');
  const slots = c.approval?.slots ?? [];
  if (!slots.length) {
    emptyRow(table, 6, 'publishing.repo.noDecisions');
  } else {
    replaceChildren(table.tBodies[0], slots.map(s => h('tr', { dataset: { slot: s.slot, state: s.state, stale: String(s.stale) } },
      h('td', {}, slotLabel(data, s.slot)),
      h('td', {}, enumLabel('publishing.stage', s.stage)),
      h('td', {}, enumLabel('publishing.slotState', s.state), s.stale ? h('span', { class: 'badge warning' }, ` ${t('publishing.repo.stale')}`) : null),
      h('td', {}, s.byName ? free(s.byName) : t('common.none')),
      h('td', {}, updated(s.at)),
      h('td', {}, hashCode(s.contentHash)))));
  }
  const decisions = data.repo.approvalDecisions.filter(d => d.commitmentId === c.id);
  replaceChildren(byId('c-decisions'), decisions.length
    ? decisions.map(d => h('li', { dataset: { event: d.eventType } },
      updated(d.at), ' — ', enumLabel('publishing.decision', d.eventType),
      d.slot ? ` · ${slotLabel(data, d.slot)}` : '', ' · ', d.byName ? free(d.byName) : t('history.system'),
      ' · ', hashCode(d.contentHash),
      d.comment ? h('blockquote', { dir: 'auto', class: 'pre-line' }, d.comment) : null))
    : h('li', { class: 'muted' }, t('publishing.repo.noDecisions')));
}

// ---- contributions (a commitment's, or a round's) -------------------------------------------------------

function contributionItem(data, c, children) {
  const response = c.response;
  return h('li', { class: 'contribution', id: `contribution-${c.roundId}-${c.id}`, dataset: { contributionId: c.id, hidden: String(c.hidden), kind: c.kind } },
    h('div', { class: 'contribution-head' },
      h('span', { class: 'badge neutral' }, enumLabel('publishing.contributionKind', c.kind)),
      ' ', c.hidden ? h('span', { class: 'muted' }, t('publishing.repo.hiddenAuthor')) : free(c.authorName, { class: 'author' }),
      ' · ', h('a', { href: `${roundHref(c.roundId)}#contribution-${enc(c.id)}` }, updated(c.at)),
      c.supports ? h('span', { class: 'muted' }, ` · ${tp('publishing.repo.supports', c.supports)}`) : null),
    c.hidden
      ? h('p', { class: 'muted hidden-note' }, t('publishing.repo.hiddenContribution'))
      : [
        c.title ? h('h4', { dir: 'auto' }, c.title) : null,
        c.quote ? h('blockquote', { dir: 'auto', class: 'quote' }, c.quote) : null,
        h('p', { class: 'pre-line body', dir: 'auto' }, c.body ?? ''),
      ],
    h('div', { class: 'response', dataset: { status: c.status } },
      h('strong', {}, enumLabel('publishing.responseStatus', c.status)),
      response ? [
        response.mergedIntoCommitmentId ? h('span', {}, ' → ', h('a', { href: repoHref('commitment', response.mergedIntoCommitmentId) }, commitmentLabel(data, response.mergedIntoCommitmentId))) : null,
        h('span', { class: 'muted' }, ' · ', free(response.byName), ' · ', updated(response.at)),
        response.justification ? h('p', { class: 'pre-line', dir: 'auto' }, response.justification) : null,
      ] : null),
    children.length ? h('ol', { class: 'replies' }, children) : null);
}

function renderContributions(data, contributions, container) {
  if (!contributions.length) {
    replaceChildren(container, h('p', { class: 'muted' }, t('publishing.repo.noContributions')));
    return;
  }
  const ids = new Set(contributions.map(c => `${c.roundId}/${c.id}`));
  const byParent = new Map();
  for (const c of contributions) {
    const parent = c.parentId && ids.has(`${c.roundId}/${c.parentId}`) ? `${c.roundId}/${c.parentId}` : '';
    if (!byParent.has(parent)) byParent.set(parent, []);
    byParent.get(parent).push(c);
  }
  const build = (key, depth) => (byParent.get(key) ?? []).map(c =>
    contributionItem(data, c, depth < 8 ? build(`${c.roundId}/${c.id}`, depth + 1) : []));
  replaceChildren(container, h('ol', { class: 'contributions' }, build('', 0)));
}

// ---- page -----------------------------------------------------------------------------------------------

startPage({
  page: 'repository',
  titleKey: 'publishing.repo.pageTitle',
  load,
  render: ctx => {
    if (ctx.error) {
      replaceChildren(byId('repo-title'), t('publishing.repo.unavailable'));
      showError(byId('page-error'), ctx.error);
      return;
    }
    VIEW.planId = ctx.data.repo.plan.id;
    if (VIEW.kind === 'commitment') renderCommitment(ctx);
    else renderPlan(ctx);
  },
});
