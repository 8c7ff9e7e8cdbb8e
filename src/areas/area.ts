import type { Hono } from 'hono';
import type { AreaApi } from '../api/index.ts';
import type { AppEnv, DashboardSection, NavEntry, PlanSection, WebParts } from '../app-env.ts';
import type { DemoStep } from '../demo/load.ts';
import type { NationalStep } from '../demo/national.ts';
import type { Rule } from '../policy/types.ts';
import type { AgendaRefResolver, ApprovalStepSource, AuditOwner, SnapshotPart } from '../services/context.ts';
import type { DailyJob } from '../services/scheduler.ts';

/**
 * One area of Helhed as a plain object: everything it adds to the application. Nothing registers itself on
 * import; `composeAreas` joins the list that `main.ts` (and the tests) hand to `createApp(deps, areas)`.
 * @example export const reportsArea: Area = { name: 'reports', pages: (app) => app.route('/rapporter', …), api: reportsApi }
 */
export interface Area {
  name: string;
  /** Mounts the area's pages on the app. */
  pages?: (app: Hono<AppEnv>) => void;
  /** The area's /api/v1 router. */
  api?: AreaApi;
  /** Its policy rules: the same arrays `src/policy/rules/index.ts` lists statically (a test keeps them equal). */
  rules?: readonly Rule[];
  nav?: readonly NavEntry[];
  dashboard?: readonly DashboardSection[];
  planSections?: readonly PlanSection[];
  /** What a plan version also freezes. */
  snapshotParts?: readonly SnapshotPart[];
  /** Steps the area adds to a plan's approval chain. */
  approvalSteps?: readonly ApprovalStepSource[];
  /** Per audited entity type: the organisation whose staff may read its history. */
  auditOwners?: Readonly<Record<string, AuditOwner>>;
  /** Per agenda-item kind: what the item refers to. */
  agendaRefs?: Readonly<Record<string, AgendaRefResolver>>;
  dailyJobs?: readonly DailyJob[];
  demoSteps?: readonly DemoStep[];
  nationalSteps?: readonly NationalStep[];
}

/** The areas joined: what the composition root mounts and hands on. */
export interface Composition extends WebParts {
  pages: readonly ((app: Hono<AppEnv>) => void)[];
  apis: readonly AreaApi[];
  rules: readonly Rule[];
  dailyJobs: readonly DailyJob[];
  demoSteps: readonly DemoStep[];
  nationalSteps: readonly NationalStep[];
}

function joinRecords<T>(
  areas: readonly Area[],
  pick: (a: Area) => Readonly<Record<string, T>> | undefined,
  what: string,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const a of areas) {
    for (const [k, v] of Object.entries(pick(a) ?? {})) {
      if (k in out) throw new Error(`Two areas name the ${what} '${k}' (the second is ${a.name}).`);
      out[k] = v;
    }
  }
  return out;
}

/** Joins the areas in order; a name two areas claim (an audit owner, an agenda kind, an area) is an error at boot. */
export function composeAreas(areas: readonly Area[]): Composition {
  const names = new Set<string>();
  for (const a of areas) {
    if (names.has(a.name)) throw new Error(`The area '${a.name}' is listed twice.`);
    names.add(a.name);
  }
  const all = <T>(pick: (a: Area) => readonly T[] | undefined) => areas.flatMap((a) => pick(a) ?? []);
  const byOrder = <T extends { order: number }>(xs: T[]) => xs.sort((x, y) => x.order - y.order);
  return {
    pages: all((a) => (a.pages ? [a.pages] : [])),
    apis: all((a) => (a.api ? [a.api] : [])),
    rules: all((a) => a.rules),
    nav: byOrder(all((a) => a.nav)),
    dashboard: byOrder(all((a) => a.dashboard)),
    planSections: all((a) => a.planSections),
    hooks: {
      snapshotParts: all((a) => a.snapshotParts),
      auditOwners: joinRecords(areas, (a) => a.auditOwners, 'audit owner'),
      agendaRefs: joinRecords(areas, (a) => a.agendaRefs, 'agenda kind'),
      approvalSteps: all((a) => a.approvalSteps),
    },
    dailyJobs: all((a) => a.dailyJobs),
    demoSteps: byOrder(all((a) => a.demoSteps)),
    nationalSteps: byOrder(all((a) => a.nationalSteps)),
  };
}
