import type { Executor } from '../../db/database.ts';
import type { PlanSnapshot } from '../../domain/plan-diff.ts';
import { loadPlan, type PlanDetail } from './read.ts';

import type { ServiceHooks } from '../context.ts';

/** The plan as a version freezes it: its content plus every area's part (R3, R6). */
export async function freezeSnapshot(db: Executor, hooks: ServiceHooks, planId: number, today: string): Promise<PlanSnapshot> {
  const base = snapshotOf(await loadPlan(db, planId, false, today));
  for (const part of hooks.snapshotParts) Object.assign(base, await part(db, planId));
  return base;
}

const partText: Record<string, string> = { responsible: 'ansvarlig', carries_out: 'udfører', contributes: 'bidrager' };

/** The content of a plan that versions freeze (no contacts, measurements or history). */
export function snapshotOf(p: PlanDetail): PlanSnapshot {
  return {
    name: p.name,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    district: p.district?.name ?? null,
    leadOrganisation: p.lead.shortName,
    estates: p.estates.map((e) => ({ id: e.id, name: e.name })),
    challenges: p.challenges,
    goals: p.goals.map((g) => ({
      id: g.id,
      title: g.title,
      description: g.description,
      criteria: g.criteria.map((c) => ({
        id: c.id,
        indicatorName: c.indicatorName,
        unit: c.unit,
        direction: c.direction,
        baselineValue: c.baselineValue,
        baselineDate: c.baselineDate,
        targetValue: c.targetValue,
        targetDate: c.targetDate,
      })),
    })),
    subAgreements: p.subAgreements.map((s) => ({
      id: s.id,
      focusArea: s.focusArea,
      summary: s.summary,
      activities: s.activities.map((a) => ({
        id: a.id,
        title: a.title,
        description: a.description,
        targetGroup: a.targetGroup,
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        status: a.status,
        parties: a.parties.map((x) => `${x.name} (${partText[x.part] ?? x.part})`),
      })),
    })),
    contingency: p.contingency
      ? { steps: p.contingency.steps, policeCooperation: p.contingency.policeCooperation, lastReviewed: p.contingency.lastReviewed }
      : null,
  };
}
