/**
 * R17 — contracts on housing-social cooperation (*Kontrakter om boligsocialt samarbejde*): one per vulnerable urban
 * area, themes bordering the municipality's core services, shared goals with the roles of each administration and
 * housing organisation and success criteria; approved politically together with the plans of the area, then revised by
 * the area's forum/board at a meeting without a new political approval — every revision a version with its diff.
 */

export const contractThemes = [
  'Børn, unge og beskæftigelse',
  'Uddannelse, beskæftigelse og erhverv',
  'Kultur og fritid',
  'Udsatte grupper',
  'Sundhed',
] as const;
export type ContractTheme = (typeof contractThemes)[number];

export const contractStatuses = ['draft', 'approved'] as const;
export type ContractStatus = (typeof contractStatuses)[number];
export const contractStatusLabels: Record<ContractStatus, string> = {
  draft: 'Udkast (skrives i arbejdsgrupper under forum/bestyrelse)',
  approved: 'Politisk godkendt',
};

export const rolePartyKinds = ['administration', 'organisation'] as const;
export type RolePartyKind = (typeof rolePartyKinds)[number];

/** One party's role and responsibility under a goal: an administration (BUF, SOF …) or a housing organisation. */
export interface ContractRole {
  kind: RolePartyKind;
  /** The administration's code or the organisation's short name. */
  party: string;
  responsibility: string;
}

export interface ContractGoal {
  id: number;
  theme: string;
  title: string;
  description: string;
  successCriteria: string;
  roles: ContractRole[];
}

/** What a version freezes. */
export interface ContractSnapshot {
  title: string;
  goals: ContractGoal[];
}

export interface FieldChange {
  field: 'theme' | 'title' | 'description' | 'successCriteria' | 'roles' | 'contractTitle';
  before: string;
  after: string;
}

export interface GoalDiff {
  goalId: number;
  title: string;
  kind: 'added' | 'removed' | 'changed';
  changes: FieldChange[];
}

export const fieldLabels: Record<FieldChange['field'], string> = {
  theme: 'Tema',
  title: 'Mål',
  description: 'Beskrivelse',
  successCriteria: 'Succeskriterier',
  roles: 'Roller og ansvar',
  contractTitle: 'Kontraktens titel',
};

/** Roles as text, one party a line: "BUF: ansvar …" (the form's and the diff's notation). */
export const rolesText = (roles: readonly ContractRole[]) => roles.map((r) => `${r.party}: ${r.responsibility}`).join('\n');

/**
 * R17 — parses the roles of a goal from lines "PART: ansvar". A known administration code (TMF, SOF, BIF, BUF, KFF,
 * SUF, ØKF) is an administration; anything else names a housing organisation. Lines without a colon are refused.
 */
export function parseRoles(text: string, administrations: readonly string[]): { roles: ContractRole[]; errors: string[] } {
  const roles: ContractRole[] = [];
  const errors: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const i = line.indexOf(':');
    if (i <= 0 || !line.slice(i + 1).trim()) {
      errors.push(`Linjen «${line.slice(0, 60)}» skal have formen «Part: rolle og ansvar».`);
      continue;
    }
    const party = line.slice(0, i).trim();
    roles.push({
      kind: administrations.includes(party.toUpperCase()) ? 'administration' : 'organisation',
      party: administrations.includes(party.toUpperCase()) ? party.toUpperCase() : party,
      responsibility: line.slice(i + 1).trim(),
    });
  }
  return { roles, errors };
}

/** R17 — what changed between two versions of a contract, goal by goal (by goal id), in the order of the newer one. */
export function diffContract(before: ContractSnapshot | null, after: ContractSnapshot): { contract: FieldChange[]; goals: GoalDiff[] } {
  const contract: FieldChange[] = [];
  if (before && before.title !== after.title) contract.push({ field: 'contractTitle', before: before.title, after: after.title });
  const old = new Map((before?.goals ?? []).map((g) => [g.id, g]));
  const goals: GoalDiff[] = [];
  for (const g of after.goals) {
    const b = old.get(g.id);
    old.delete(g.id);
    if (!b) {
      goals.push({ goalId: g.id, title: g.title, kind: 'added', changes: goalFields(null, g) });
      continue;
    }
    const changes = goalFields(b, g);
    if (changes.length) goals.push({ goalId: g.id, title: g.title, kind: 'changed', changes });
  }
  for (const b of old.values()) goals.push({ goalId: b.id, title: b.title, kind: 'removed', changes: goalFields(b, null) });
  return { contract, goals };
}

function goalFields(b: ContractGoal | null, a: ContractGoal | null): FieldChange[] {
  const get = (g: ContractGoal | null, f: FieldChange['field']) =>
    !g ? '' : f === 'roles' ? rolesText(g.roles) : f === 'contractTitle' ? '' : String(g[f] ?? '');
  const out: FieldChange[] = [];
  for (const f of ['theme', 'title', 'description', 'successCriteria', 'roles'] as const) {
    const x = get(b, f);
    const y = get(a, f);
    if (x !== y) out.push({ field: f, before: x, after: y });
  }
  return out;
}

/** The facts about a revision the rules need. */
export interface RevisionFacts {
  status: ContractStatus;
  /** The body that revises the contract (the area's forum or district board). */
  contractBodyId: number | null;
  meeting: { bodyId: number; state: string; date: string } | null;
  approvedOn: string | null;
  changed: boolean;
}

/**
 * R17 — a revision of an approved contract is decided by the area's forum/board at one of its meetings (held or
 * planned, not cancelled, not before the political approval) and needs no new political approval; a draft is edited
 * by its working groups without a meeting. Returns the Danish reasons a revision is refused, per field.
 */
export function revisionViolations(f: RevisionFacts): Record<string, string> {
  const v: Record<string, string> = {};
  if (!f.changed) v._form = 'Der er ingen ændringer at gemme.';
  if (f.status === 'draft') return v;
  if (!f.meeting) v.meetingId = 'Vælg det møde i forummet eller bydelsbestyrelsen, hvor ændringen blev besluttet.';
  else if (f.contractBodyId !== null && f.meeting.bodyId !== f.contractBodyId)
    v.meetingId = 'Ændringen skal besluttes på et møde i det forum eller den bestyrelse, der har kontrakten.';
  else if (f.meeting.state === 'cancelled') v.meetingId = 'Mødet er aflyst.';
  else if (f.approvedOn && f.meeting.date < f.approvedOn) v.meetingId = 'Mødet ligger før kontraktens politiske godkendelse.';
  return v;
}

/** R17 — the approval step a plan's chain gains when its area has a cooperation contract (approved with the plans). */
export const contractStepKey = 'cooperation_contract';
export const contractApprovalStep = (areaName: string) => ({
  key: contractStepKey,
  label: `Politisk godkendelse af kontrakten om boligsocialt samarbejde for ${areaName} sammen med planen`,
  body: 'Borgerrepræsentationen',
  needsAmount: false,
});
