import { type Actor, bodiesOf, hasRole, organisationsOf } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    /**
     * `bodyType` and `ownerOrganisationIds` (R14): a local group's owners are the housing organisations party to every
     * plan it follows; for a new group, to every plan chosen for it.
     */
    body: { id?: number; memberUserIds: number[]; bodyType?: string; ownerOrganisationIds?: number[] };
    meeting: {
      id?: number;
      bodyId: number;
      state: string;
      memberUserIds: number[];
      presentUserIds: number[];
      bodyType?: string;
      ownerOrganisationIds?: number[];
    };
    competenceTransfer: { planId: number; partyOrganisationIds: number[] };
  }
}

const central = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const memberOf = (a: Actor, s: { id?: number; bodyId?: number; memberUserIds: number[] }) =>
  a.kind === 'user' && (s.memberUserIds.includes(a.id) || bodiesOf(a).includes((s.bodyId ?? s.id)!));

/** R14 — staff of a housing organisation behind every plan a local steering/follow-up group follows. */
const ownsLocalGroup = (a: Actor, s: { bodyType?: string; ownerOrganisationIds?: number[] }) =>
  s.bodyType === 'local_group' && organisationsOf(a).some((o) => (s.ownerOrganisationIds ?? []).includes(o));

/** R9–R17 — who may read and run the bodies, their members, mandates and meetings. */
export const governanceRules = [
  rule('body', ['read', 'list'], 'Organerne, medlemmernes navne, roller og hvem de repræsenterer er offentlige', () => true),
  rule(
    'body',
    ['create', 'update', 'manageMembers', 'manageMandate', 'planMeeting', 'approveMandateCityBoard'],
    'Sekretariatet betjener Boligsocial Bestyrelse og bydelsbestyrelserne og fører organer, medlemmer, kommissorier og møder',
    (a) => central(a),
  ),
  rule(
    'body',
    ['create', 'update', 'manageMembers', 'planMeeting', 'proposeItem'],
    'Boligorganisationerne opretter selv lokale styre- og følgegrupper for deres egne planer, vælger medlemmerne og fastsætter mødeplanen',
    (a, s) => ownsLocalGroup(a, s),
  ),
  rule(
    'body',
    ['approveMandateLbf'],
    'Landsbyggefondens godkendelse af kommissorium og forretningsorden registreres af LBF eller sekretariatet',
    (a) => central(a) || hasRole(a, 'lbf'),
  ),
  rule(
    'body',
    ['proposeItem'],
    'Punkter til dagsordenen foreslås af organets medlemmer og sekretariatet',
    (a, s) => central(a) || memberOf(a, s),
  ),
  rule('meeting', ['read'], 'Mødedatoer, dagsordener og godkendte referater er offentlige', () => true),
  rule(
    'meeting',
    ['readClosed', 'readDraftMinutes'],
    'Lukkede punkter og referatet før godkendelse ser kun organets medlemmer og sekretariatet',
    (a, s) => central(a) || memberOf(a, s),
  ),
  rule(
    'meeting',
    ['update', 'transition', 'addItem', 'recordOutcome', 'recordAttendance', 'uploadPaper'],
    'Sekretariatet planlægger møder, sender dagsorden og skriver referat og beslutninger',
    (a) => central(a),
  ),
  rule(
    'meeting',
    [
      'update',
      'transition',
      'addItem',
      'recordOutcome',
      'recordAttendance',
      'uploadPaper',
      'readClosed',
      'readDraftMinutes',
      'approveMinutesForAll',
    ],
    'En lokal styre- eller følgegruppes møder holdes af de boligorganisationer, der står bag gruppens planer',
    (a, s) => ownsLocalGroup(a, s),
  ),
  rule(
    'meeting',
    ['approveMinutes'],
    'Referatet godkendes af de medlemmer, der var til stede på mødet',
    (a, s) => a.kind === 'user' && s.presentUserIds.includes(a.id),
  ),
  rule('meeting', ['approveMinutesForAll'], 'Sekretariatet kan afslutte referatet, når ingen fremmødte medlemmer har en brugerkonto', (a) =>
    central(a),
  ),
  rule('competenceTransfer', ['read'], 'Kompetenceflytninger er offentlige', () => true),
  rule(
    'competenceTransfer',
    ['record'],
    'Kun boligorganisationerne bag planen kan flytte kompetencen til Boligsocial Bestyrelse; sekretariatet kan registrere deres beslutning',
    (a, s) => central(a) || organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o)),
  ),
];
