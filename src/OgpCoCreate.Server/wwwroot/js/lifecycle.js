// The lifecycles and who may do what, as the server defines them (Grains/Commitments/CommitmentRules.cs,
// Grains/Plans/PlanRules.cs). The pages use these tables only to decide which buttons and forms to offer;
// the server decides, and a refusal it sends is shown as it is.

/** Enum values in declaration order: journal payloads carry them as numbers, the API as names. */
export const ENUMS = Object.freeze({
  commitmentStatus: ['Proposed', 'Drafting', 'InConsultation', 'Revised', 'PendingApproval', 'Approved', 'InImplementation', 'Completed', 'Withdrawn'],
  planStatus: ['Preparation', 'CoCreation', 'Consultation', 'Validation', 'Adopted', 'Implementation', 'Closed'],
  institutionKind: ['Ministry', 'IndependentAuthority', 'Cso', 'Municipality', 'Parliament', 'Other'],
  side: ['Government', 'CivilSociety'],
});

/** A value of an enum group as its name, whether it came as a name or as a number. */
export function enumName(group, value) {
  if (typeof value === 'number') return ENUMS[group]?.[value] ?? String(value);
  return value ?? '';
}

/** The commitment's main path (Withdrawn sits aside: any status that is not final can be withdrawn). */
export const COMMITMENT_PATH = Object.freeze(ENUMS.commitmentStatus.filter(s => s !== 'Withdrawn'));

const SEC = 1;
const LEAD = 2;
const FORUM = 4;
const CO_CHAIR = 8;

const MOVES = new Map([
  ['Proposed>Drafting', SEC | LEAD],
  ['Drafting>InConsultation', SEC],
  ['Revised>InConsultation', SEC],
  ['InConsultation>Revised', SEC | LEAD],
  ['Drafting>PendingApproval', SEC | LEAD],
  ['Revised>PendingApproval', SEC | LEAD],
  ['PendingApproval>Approved', SEC | CO_CHAIR],
  ['PendingApproval>Revised', SEC | LEAD | FORUM],
  ['Approved>Revised', SEC],
  ['InImplementation>Revised', SEC],
  ['Approved>InImplementation', SEC | LEAD],
  ['InImplementation>Completed', SEC | LEAD],
]);
for (const from of ENUMS.commitmentStatus) {
  if (!isFinalCommitmentStatus(from)) MOVES.set(`${from}>Withdrawn`, SEC);
}

export function isFinalCommitmentStatus(status) {
  return status === 'Completed' || status === 'Withdrawn';
}

/** The structured fields change only while the text is being worked on (until PendingApproval). */
export function isEditableStatus(status) {
  return ['Proposed', 'Drafting', 'InConsultation', 'Revised'].includes(status);
}

function roles(me) {
  return new Set(me?.roles ?? []);
}

export function isSecretariat(me) {
  const r = roles(me);
  return r.has('Admin') || r.has('Secretariat');
}

function isFocalPointOf(me, institutionId) {
  return roles(me).has('FocalPoint') && (me?.institutions ?? []).includes(institutionId);
}

function moversOf(me, commitment, plan) {
  if (!me) return 0;
  const d = commitment.details ?? {};
  let movers = 0;
  if (isSecretariat(me)) movers |= SEC;
  if (isFocalPointOf(me, d.leadInstitutionId)) movers |= LEAD;
  const seat = (plan?.forum ?? []).find(m => m.userId && m.userId === me.id);
  if (seat) movers |= seat.coChair ? FORUM | CO_CHAIR : FORUM;
  return movers;
}

/** The statuses this person may move the commitment to now, in lifecycle order. */
export function allowedTransitions(me, commitment, plan) {
  if (plan?.status === 'Closed') return [];
  const movers = moversOf(me, commitment, plan);
  if (!movers) return [];
  return ENUMS.commitmentStatus.filter(to => {
    const allowed = MOVES.get(`${commitment.status}>${to}`) ?? 0;
    if ((allowed & movers) === 0) return false;
    if (to === 'InImplementation' && !['Adopted', 'Implementation'].includes(plan?.status)) return false;
    return true;
  });
}

/** Whether this person is an editor of the commitment (secretariat, focal point of the lead or a supporter). */
export function isCommitmentEditor(me, commitment) {
  if (!me) return false;
  const d = commitment.details ?? {};
  return isSecretariat(me)
    || isFocalPointOf(me, d.leadInstitutionId)
    || (d.supportingInstitutionIds ?? []).some(id => isFocalPointOf(me, id));
}

/** Whether the edit form is offered: an editor, on a commitment whose status allows edits, in an open plan. */
export function mayEditCommitment(me, commitment, plan) {
  return isCommitmentEditor(me, commitment) && isEditableStatus(commitment.status) && plan?.status !== 'Closed';
}

/** Only the secretariat gives the commitment to another lead institution. */
export function mayChangeLead(me) {
  return isSecretariat(me);
}

/** The secretariat and the lead's focal points choose the supporting institutions. */
export function mayChangeSupporters(me, commitment) {
  return isSecretariat(me) || isFocalPointOf(me, commitment.details?.leadInstitutionId);
}

const PLAN_NEXT = {
  Preparation: ['CoCreation'],
  CoCreation: ['Consultation'],
  Consultation: ['Validation', 'CoCreation'],
  Validation: ['Adopted', 'Consultation'],
  Adopted: ['Implementation'],
  Implementation: ['Closed'],
  Closed: [],
};

/** The statuses a plan may move to from this one (the secretariat moves it). */
export function planNextStatuses(status) {
  return PLAN_NEXT[status] ?? [];
}

/** Institutions of these kinds are state actors; civil-society organisations are non-state. */
export function isStateKind(kind) {
  return enumName('institutionKind', kind) !== 'Cso';
}
