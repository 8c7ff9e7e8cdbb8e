import { describe, expect, it } from 'vitest';
// Only the policy is imported here: no area module, page or service. `can()` must answer as it does in the app.
import { type Actor, can } from '../../../src/policy/index.ts';

const secretariat: Actor = { kind: 'user', id: 1, name: 'S', email: 's@x.test', isDemo: false, grants: [{ role: 'secretariat' }] };

describe('the policy loaded alone', () => {
  it('R15 the secretariat may plan a meeting, with nothing but the policy imported', () => {
    expect(can(secretariat, 'planMeeting', { type: 'body', memberUserIds: [] } as never)).toBe(true);
  });
  it('R6 the rules of every area are there: reports, money, change requests, key figures, the inbox', () => {
    const lbf: Actor = { kind: 'user', id: 2, name: 'L', email: 'l@x.test', isDemo: false, grants: [{ role: 'lbf' }] };
    expect(can(lbf, 'list', { type: 'reportOverview' })).toBe(true);
    expect(can(secretariat, 'read', { type: 'inbox' } as never)).toBe(true);
  });
});
