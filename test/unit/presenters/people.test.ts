import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../../src/policy/actor.ts';
import { actorLabel } from '../../../src/policy/actor.ts';
import { personName, planAudience, seesContacts } from '../../../src/presenters/people.ts';

const user = (grants: Grant[]): Actor => ({ kind: 'user', id: 9, name: 'Karl KAB', email: 'kab@demo.test', isDemo: false, grants });
const plan = { id: 4, partyOrganisationIds: [1, 2] };

describe('Presenters — people appear by name; contacts only to those with a part (issue 14)', () => {
  it.each([
    ['Karl KAB <kab@demo.test>', 'Karl KAB'],
    ['Karl KAB', 'Karl KAB'],
    ['kab@demo.test', 'Bruger'],
    ['Demodata', 'Demodata'],
    ['', ''],
  ])('personName(%j) is %j', (label, name) => {
    expect(personName(label)).toBe(name);
  });

  it('a who-did-it label is stored as the name, never the e-mail address', () => {
    expect(actorLabel(user([]))).toBe('Karl KAB');
  });

  it.each<[string, Actor, 'public' | 'party' | 'staff']>([
    ['anonymous', { kind: 'anonymous' }, 'public'],
    ['an LBF reader', user([{ role: 'lbf' }]), 'public'],
    ['staff of an organisation party to no plan', user([{ role: 'organisation', organisationId: 99 }]), 'public'],
    ['staff of a party organisation', user([{ role: 'organisation', organisationId: 2 }]), 'party'],
    ['the plan’s project leader', user([{ role: 'project_leader', planId: 4 }]), 'party'],
    ['the secretariat', user([{ role: 'secretariat' }]), 'staff'],
  ])('%s is the %s audience of a plan', (_, actor, audience) => {
    expect(planAudience(actor, plan)).toBe(audience);
    expect(seesContacts(audience)).toBe(audience !== 'public');
  });
});
