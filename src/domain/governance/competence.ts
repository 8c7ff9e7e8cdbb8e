import { type BodyType, validOn } from './labels.ts';

/** What the competence rules need to know about a body. */
export interface BodyInfo {
  id: number;
  name: string;
  type: BodyType | string;
  validFrom: string;
  validTo: string | null;
  /** Districts (ids) the body covers. */
  districtIds: number[];
}

const dk = (iso: string) => iso.split('-').reverse().join('.');

/**
 * R11, R12 — which body decides on changes to a plan on a given day: the district board of the plan's
 * district (R11), unless the plan's housing organisations have recorded a decision on or before that day
 * moving the competence to the city board (R12). A plan outside every district board's districts (or
 * before the 2016 structure) falls to the city board if one exists. Throws when no body can decide.
 */
export function decidingBody(input: {
  planDistrictId: number;
  partyOrganisationIds: number[];
  transfers: { decidedOn: string }[];
  bodies: BodyInfo[];
  on: string;
}): { bodyId: number; reason: string; rule: 'R11' | 'R12' } {
  const active = input.bodies.filter((b) => validOn(b, input.on));
  const city = active.find((b) => b.type === 'city_board');
  const transfer = input.transfers.filter((t) => t.decidedOn <= input.on).sort((a, b) => a.decidedOn.localeCompare(b.decidedOn))[0];
  if (transfer && city) {
    return {
      bodyId: city.id,
      rule: 'R12',
      reason: `Boligorganisationerne bag planen besluttede ${dk(transfer.decidedOn)} at flytte kompetencen fra bydelsbestyrelsen til ${city.name}`,
    };
  }
  const board = active.find((b) => b.type === 'district_board' && b.districtIds.includes(input.planDistrictId));
  if (board) {
    return {
      bodyId: board.id,
      rule: 'R11',
      reason: `Planen ligger i ${board.name}s bydel; bydelsbestyrelsen beslutter ændringer i planen`,
    };
  }
  if (city) {
    return { bodyId: city.id, rule: 'R11', reason: `Ingen bydelsbestyrelse dækker planens bydel ${dk(input.on)}; ${city.name} beslutter` };
  }
  throw new NoDecidingBody(`Der er intet organ, som kan beslutte om planen pr. ${dk(input.on)}.`);
}

/** R11, R12 — no body in office can decide on the plan on the day (none is set up yet). */
export class NoDecidingBody extends Error {}

/**
 * R11 — only members representing a housing organisation that is party to the plan's grant decide on
 * changes to it; every other member (the municipality, other organisations, observers, the secretary)
 * may comment.
 */
export function votingRight(
  member: { representsOrganisationId: number | null; role: string },
  partyOrganisationIds: number[],
): { mayVote: boolean; reason: string } {
  if (member.role === 'observer' || member.role === 'secretary') {
    return { mayVote: false, reason: `${member.role === 'observer' ? 'Observatører' : 'Sekretæren'} kan kommentere, men ikke stemme` };
  }
  if (member.representsOrganisationId === null) {
    return { mayVote: false, reason: 'Repræsenterer ikke en boligorganisation; kan kommentere' };
  }
  if (!partyOrganisationIds.includes(member.representsOrganisationId)) {
    return { mayVote: false, reason: 'Boligorganisationen er ikke part i planens bevilling; kan kommentere' };
  }
  return { mayVote: true, reason: 'Repræsenterer en boligorganisation, som er part i planens bevilling' };
}
