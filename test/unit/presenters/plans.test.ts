import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../../src/policy/actor.ts';
import { presentPlan } from '../../../src/presenters/plans.ts';
import type { PlanDetail } from '../../../src/services/plans/read.ts';

const user = (grants: Grant[]): Actor => ({ kind: 'user', id: 9, name: 'Test', email: 'test@example.test', isDemo: false, grants });

const plan: PlanDetail = {
  id: 4,
  name: 'Helhedsplan Test',
  state: 'active',
  stateLabel: 'Aktiv',
  version: 1,
  currentVersion: 1,
  isDemo: false,
  sourceUrl: null,
  publicFacts: '',
  district: { id: 3, name: 'Nørrebro' },
  period: {
    id: 1,
    code: '2019-26',
    name: 'LBF 2019–2026',
    startsOn: '2019-01-01',
    endsOn: '2026-12-31',
    lbfCapBp: 7500,
    localFloorBp: 2500,
  },
  periodNotes: { explanations: [], warnings: [] },
  focusAreaOptions: [],
  startsOn: '2023-01-01',
  endsOn: '2026-12-31',
  approvalChain: 'council',
  problemDescription: '',
  grantReference: null,
  grantDate: null,
  lead: { id: 1, shortName: 'KAB' },
  estates: [{ id: 1, name: 'Afdeling 1', organisationId: 1, organisationName: 'KAB', residents: 100 }],
  partyOrganisations: [{ id: 1, shortName: 'KAB' }],
  projectLeaders: [{ userId: 7, name: 'Pia Projektleder', email: 'pia@example.test' }],
  challenges: [],
  goals: [
    {
      id: 1,
      challengeId: null,
      title: 'Mål',
      description: '',
      criteria: [
        {
          id: 1,
          goalId: 1,
          indicatorName: 'Beskæftigelse',
          unit: '%',
          direction: 'increase',
          baselineValue: 40,
          baselineDate: '2022-12-31',
          baselineSource: '',
          targetValue: 50,
          targetDate: '2026-12-31',
          measurements: [
            { id: 1, version: 1, value: 45, measuredOn: '2024-12-31', source: 'DST', recordedBy: 'Karl KAB <kab@example.test>' },
          ],
          status: 'on_track',
          expected: 45,
        },
      ],
    },
  ],
  subAgreements: [],
  contingency: {
    steps: 'Ring',
    policeCooperation: '',
    lastReviewed: null,
    reviewWarning: null,
    contacts: [
      { id: 1, callOrder: 1, role: 'Projektleder', organisation: 'KAB', name: 'Pia', phone: '+45 33 00 00 01', email: 'pia@example.test' },
    ],
  },
  transitions: [
    {
      fromState: 'granted',
      toState: 'active',
      stepKey: null,
      body: '',
      decisionDate: null,
      caseNumber: '',
      amountOre: null,
      note: '',
      actorLabel: 'Karl KAB <kab@example.test>',
      at: new Date('2023-01-01T00:00:00Z'),
    },
  ],
  versions: [
    { number: 1, reason: 'Godkendt af kommunen', createdAt: new Date('2022-12-01T00:00:00Z'), createdBy: 'Karl KAB <kab@example.test>' },
  ],
};

const EMAIL = /@/;

describe('Presenters — a plan per audience (issue 14)', () => {
  it.each<[string, Actor]>([
    ['anonymous', { kind: 'anonymous' }],
    ['an LBF reader', user([{ role: 'lbf' }])],
    ['staff of an organisation party to no plan', user([{ role: 'organisation', organisationId: 99 }])],
  ])('%s sees people by name only: no e-mail, no phone, no contingency contacts', (_, actor) => {
    const out = presentPlan(actor, plan);
    expect(JSON.stringify(out)).not.toMatch(EMAIL);
    expect(JSON.stringify(out)).not.toContain('+45');
    expect(out.projectLeaders).toEqual([{ userId: 7, name: 'Pia Projektleder' }]);
    expect(out.contingency?.contacts).toBeNull();
    expect(out.versions[0]!.createdBy).toBe('Karl KAB');
  });

  it.each<[string, Actor]>([
    ['staff of a party organisation', user([{ role: 'organisation', organisationId: 1 }])],
    ['the secretariat', user([{ role: 'secretariat' }])],
  ])('%s also sees the project leaders’ e-mail and the contingency contacts', (_, actor) => {
    const out = presentPlan(actor, plan);
    expect(out.projectLeaders[0]!.email).toBe('pia@example.test');
    expect(out.contingency?.contacts?.[0]!.phone).toBe('+45 33 00 00 01');
    expect(out.transitions[0]!.actorLabel).toBe('Karl KAB');
  });

  it('a field the service adds later does not leave the server: the presenter keeps only what its schema lists', () => {
    const out = presentPlan({ kind: 'anonymous' }, {
      ...plan,
      internalNote: 'hemmelig',
      lead: { ...plan.lead, ownerEmail: 'x@example.test' },
    } as PlanDetail);
    expect(out).not.toHaveProperty('internalNote');
    expect(out.lead).toEqual({ id: 1, shortName: 'KAB' });
  });
});
