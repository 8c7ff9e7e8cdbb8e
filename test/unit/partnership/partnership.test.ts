import { describe, expect, it } from 'vitest';
import { compositionWarnings, rhythmWarnings, type SeatHolder } from '../../../src/domain/governance/composition.ts';
import {
  canHold,
  canSign,
  type DialogueFacts,
  isConcluded,
  nextAgreementStatus,
  overdueCommitments,
  type TargetFacts,
  targetStatus,
  withoutDialogue,
} from '../../../src/domain/partnership/index.ts';

const base: TargetFacts = {
  rule: 'at_least',
  targetValue: 500,
  baselineValue: null,
  baselineOn: null,
  startsOn: '2010-01-01',
  deadline: '2011-12-31',
  byCommitments: false,
};
const pts = (...xs: [string, number][]) => xs.map(([on, value]) => ({ on, value }));

describe('R19 target status', () => {
  it.each([
    ['R19 no measurements is no data', base, [], '2011-06-01', 'no_data'],
    ['R19 at least: reaching the value is met', base, pts(['2010-12-31', 450], ['2011-12-31', 505]), '2012-01-10', 'met'],
    ['R19 at least: past the deadline without it is missed', base, pts(['2010-12-31', 450], ['2011-12-31', 489]), '2012-01-10', 'missed'],
    [
      'R19 at least: on or above the straight line from the first measurement is on track',
      base,
      pts(['2010-01-01', 400], ['2011-01-01', 460]),
      '2011-02-01',
      'on_track',
    ],
    ['R19 at least: below the line is at risk', base, pts(['2010-01-01', 400], ['2011-01-01', 420]), '2011-02-01', 'at_risk'],
    [
      'R19 at least: a baseline is the start of the line',
      { ...base, baselineValue: 300, baselineOn: '2010-01-01' },
      pts(['2011-01-01', 420]),
      '2011-02-01',
      'on_track',
    ],
    [
      'R19 at least without deadline: below the value is at risk, never missed',
      { ...base, targetValue: 20, deadline: null },
      pts(['2011-01-01', 20.3], ['2030-01-01', 19.8]),
      '2030-06-01',
      'at_risk',
    ],
    [
      'R19 at most: at or under the value is met',
      { ...base, rule: 'at_most', targetValue: 80 },
      pts(['2011-01-01', 79]),
      '2011-02-01',
      'met',
    ],
    [
      'R19 must not grow: not above the first measurement is on track',
      { ...base, rule: 'not_grow', targetValue: null, deadline: null },
      pts(['2011-01-01', 1260], ['2025-01-01', 1040]),
      '2026-01-01',
      'on_track',
    ],
    [
      'R19 must not grow: above the first measurement is at risk',
      { ...base, rule: 'not_grow', targetValue: null, deadline: null },
      pts(['2011-01-01', 1260], ['2026-01-01', 1300]),
      '2026-02-01',
      'at_risk',
    ],
    [
      'R19 must not grow: after the deadline, grown is missed',
      { ...base, rule: 'not_grow', targetValue: null, deadline: '2014-12-31' },
      pts(['2011-01-01', 1260], ['2014-12-31', 1270]),
      '2015-02-01',
      'missed',
    ],
    [
      'R19 must not grow: after the deadline, held is met',
      { ...base, rule: 'not_grow', targetValue: null, deadline: '2014-12-31' },
      pts(['2011-01-01', 1260], ['2014-12-31', 1200]),
      '2015-02-01',
      'met',
    ],
    [
      'R19 must not grow: a measurement after today does not count yet',
      { ...base, rule: 'not_grow', targetValue: null, deadline: null },
      pts(['2011-01-01', 1260], ['2027-01-01', 1400]),
      '2026-02-01',
      'on_track',
    ],
    [
      'R19 per year: every finished year reached is on track',
      { ...base, rule: 'per_year', targetValue: 1, startsOn: '2011-01-01', deadline: null },
      pts(['2011-12-31', 1], ['2012-12-31', 2]),
      '2013-06-01',
      'on_track',
    ],
    [
      'R19 per year: a year without one is at risk',
      { ...base, rule: 'per_year', targetValue: 1, startsOn: '2011-01-01', deadline: null },
      pts(['2011-12-31', 1], ['2013-12-31', 2]),
      '2014-06-01',
      'at_risk',
    ],
    [
      'R19 per year: after the deadline, every year reached is met',
      { ...base, rule: 'per_year', targetValue: 1, startsOn: '2011-01-01', deadline: '2012-12-31' },
      pts(['2011-12-31', 1], ['2012-12-31', 1]),
      '2014-06-01',
      'met',
    ],
  ] as const)('%s', (_name, facts, points, today, status) => {
    expect(targetStatus(facts as TargetFacts, [...points], today).status).toBe(status);
  });

  const byCommitments: TargetFacts = { ...base, targetValue: 1300, startsOn: '2011-01-01', deadline: '2026-12-31', byCommitments: true };
  it.each([
    ['R19 sum of commitments: none is no data', { promised: 0, delivered: 0 }, '2026-01-01', 'no_data'],
    ['R19 sum of commitments: delivered reaches the target → met', { promised: 1300, delivered: 1310 }, '2026-01-01', 'met'],
    ['R19 sum of commitments: promised covers the target → on track', { promised: 1350, delivered: 900 }, '2026-01-01', 'on_track'],
    ['R19 sum of commitments: promised short of the target → at risk', { promised: 200, delivered: 100 }, '2026-01-01', 'at_risk'],
    ['R19 sum of commitments: past the deadline short of it → missed', { promised: 1350, delivered: 900 }, '2027-01-01', 'missed'],
  ] as const)('%s', (_name, sum, today, status) => {
    const j = targetStatus(byCommitments, pts(['2020-01-01', 5000]), today, { ...sum });
    expect(j.status).toBe(status);
    expect(j.rule).toContain('summen af boligorganisationernes tilsagn');
  });

  it('R19 the rule is written out in Danish, with the deadline, and without rule codes', () => {
    const j = targetStatus(base, pts(['2010-01-01', 400], ['2011-01-01', 420]), '2011-02-01');
    expect(j.rule).toContain('31.12.2011');
    expect(j.rule).toContain('I risiko');
    expect(j.rule).not.toMatch(/R\d/);
    expect(j.expected).toBeCloseTo(400 + 100 * (365 / 729), 3);
  });
});

const seat = (o: Partial<SeatHolder>): SeatHolder => ({
  representsKind: 'administration',
  organisationId: null,
  administration: null,
  level: 'other',
  role: 'member',
  ...o,
});
const mayors = ['TMF', 'SOF', 'BIF', 'BUF', 'KFF', 'SUF', 'ØKF'].map((a) =>
  seat({ administration: a, role: a === 'ØKF' || a === 'TMF' ? 'chair' : 'member' }),
);
const sector = (n: number) =>
  Array.from({ length: n }, (_, i) => seat({ representsKind: 'organisation', organisationId: i + 1, level: 'director' }));
const tenants = seat({ representsKind: 'other', representsLabel: 'Lejernes LO i Hovedstaden' });

describe("R19 the forums' composition and rhythm", () => {
  it('R19 a full Partnerskabsforum has no warnings', () => {
    expect(compositionWarnings('partnership_forum', [...mayors, ...sector(7)])).toEqual([]);
  });
  it.each([
    ['R19 Partnerskabsforum: a missing mayor', [...mayors.slice(1), ...sector(7)], 'Mangler borgmesteren for TMF'],
    ["R19 Partnerskabsforum: more than 7 named by BL's 1st district", [...mayors, ...sector(8)], 'højst 7 medlemmer; der er 8'],
    [
      'R19 Partnerskabsforum: the chair not shared by the Lord Mayor and the Technical and Environmental Mayor',
      [...mayors.map((m) => ({ ...m, role: m.administration === 'ØKF' ? 'member' : m.role })), ...sector(3)],
      'overborgmesteren (ØKF) er ikke formand',
    ],
    ['R19 Partnerskabsforum: no sector members', mayors, "Mangler medlemmerne udpeget af BL's 1. kreds."],
  ] as const)('%s', (_name, members, message) => {
    expect(
      compositionWarnings('partnership_forum', [...members])
        .map((w) => w.message)
        .join(' | '),
    ).toContain(message);
    expect(compositionWarnings('partnership_forum', [...members]).every((w) => w.rule === 'R19')).toBe(true);
  });
  it("R19 a full Samarbejdsforum has no warnings; 7 sector members and no tenants' member are warned", () => {
    expect(compositionWarnings('cooperation_forum', [...mayors, ...sector(8), tenants])).toEqual([]);
    const w = compositionWarnings('cooperation_forum', [...mayors, ...sector(7)]).map((x) => x.message);
    expect(w).toContain("BL's 1. kreds udpeger 8 medlemmer; der er 7.");
    expect(w).toContain('Lejernes LO i Hovedstaden udpeger 1 medlem; der er 0.');
  });
  it('R19 the Partnerskabsforum meets at least once a year', () => {
    const body = { type: 'partnership_forum', minPerYear: 1, validFrom: '2011-01-01' };
    expect(
      rhythmWarnings(
        body,
        [
          { startsOn: '2026-03-01', state: 'minutes_approved' },
          { startsOn: '2027-03-01', state: 'planned' },
        ],
        '2026-11-22',
      ),
    ).toEqual([]);
    const w = rhythmWarnings(body, [{ startsOn: '2024-03-01', state: 'minutes_approved' }], '2026-11-22');
    expect(w.map((x) => x.message)).toEqual([
      'Kun 0 møder de seneste 12 måneder; forventet mindst 1 om året.',
      'Der er ikke planlagt noget næste møde.',
    ]);
    expect(w.every((x) => x.rule === 'R19')).toBe(true);
  });
});

const facts = (o: Partial<DialogueFacts>): DialogueFacts => ({
  state: 'prepared',
  commitments: [],
  followUps: [],
  municipalitySigned: false,
  parties: [{ signed: false }],
  ...o,
});

describe('R19 the steering dialogue and the agreement life cycle', () => {
  it.each([
    ["R19 a prepared dialogue without last year's commitments can be held", facts({}), null],
    [
      "R19 last year's commitments must all be followed up before the meeting is held",
      facts({ followUps: [{ followedUp: true }, { followedUp: false }] }),
      'Følg op på hvert tilsagn',
    ],
    ['R19 a held dialogue is not held again', facts({ state: 'held' }), 'allerede afholdt'],
  ] as const)('%s', (_name, f, refusal) => {
    const r = canHold(f);
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toContain(refusal);
  });
  it.each([
    ['R19 a prepared dialogue is not signed', facts({ commitments: [{ successCriterion: 'x' }] }), 'skal være afholdt'],
    ['R19 a held dialogue without commitments is not signed', facts({ state: 'held' }), 'mindst ét tilsagn'],
    [
      'R19 every commitment needs its success criterion at signing',
      facts({ state: 'held', commitments: [{ successCriterion: 'x' }, { successCriterion: ' ' }] }),
      'succeskriterium',
    ],
    [
      'R19 a concluded agreement is not signed again',
      facts({ state: 'concluded', commitments: [{ successCriterion: 'x' }] }),
      'allerede indgået',
    ],
    ['R19 a held dialogue with criteria may be signed', facts({ state: 'held', commitments: [{ successCriterion: 'x' }] }), null],
  ] as const)('%s', (_name, f, refusal) => {
    const r = canSign(f);
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toContain(refusal);
  });
  it('R19 the agreement is concluded only when the municipality and every party have signed', () => {
    expect(isConcluded({ municipalitySigned: true, parties: [{ signed: true }, { signed: false }] })).toBe(false);
    expect(isConcluded({ municipalitySigned: false, parties: [{ signed: true }] })).toBe(false);
    expect(isConcluded({ municipalitySigned: true, parties: [{ signed: true }, { signed: true }] })).toBe(true);
    expect(isConcluded({ municipalitySigned: true, parties: [] })).toBe(false);
  });
  it('R19 commitments past their deadline and not fulfilled are overdue; organisations without a dialogue are listed', () => {
    const c = [
      { dueOn: '2026-01-01', outcome: null },
      { dueOn: '2026-01-01', outcome: 'fulfilled' as const },
      { dueOn: '2026-01-01', outcome: 'partly' as const },
      { dueOn: '2027-01-01', outcome: null },
    ];
    expect(overdueCommitments(c, '2026-06-01')).toEqual([c[0], c[2]]);
    expect(withoutDialogue([{ id: 1 }, { id: 2 }, { id: 3 }], [2])).toEqual([{ id: 1 }, { id: 3 }]);
  });
  it.each([
    [
      'R19 draft → negotiated needs the Partnerskabsforum meeting',
      'draft',
      'negotiate',
      { meetingId: null },
      { errors: { meetingId: expect.any(String) } },
    ],
    ['R19 draft → negotiated at a meeting', 'draft', 'negotiate', { meetingId: 4 }, { to: 'negotiated' }],
    [
      'R19 negotiated → adopted needs the decision reference',
      'negotiated',
      'adopt',
      { reference: ' ' },
      { errors: { reference: expect.any(String) } },
    ],
    ['R19 negotiated → adopted', 'negotiated', 'adopt', { reference: 'BR 12.05.2011' }, { to: 'adopted' }],
    [
      'R19 a draft is not adopted before it is negotiated',
      'draft',
      'adopt',
      { reference: 'x' },
      { errors: { action: expect.any(String) } },
    ],
    [
      'R19 adopted → replaced names the successor',
      'adopted',
      'replace',
      { replacedById: null },
      { errors: { replacedById: expect.any(String) } },
    ],
    ['R19 adopted → expired', 'adopted', 'expire', {}, { to: 'expired' }],
  ] as const)('%s', (_name, from, action, step, expected) => {
    expect(
      nextAgreementStatus(from, action, { on: '2014-12-31', meetingId: null, reference: '', replacedById: null, ...step }, '2011-01-01'),
    ).toEqual(expected);
  });
});
