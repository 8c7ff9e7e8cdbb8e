import type { Context } from 'hono';
import { bpText } from '../../domain/money/amount.ts';
import { type SpendFigures, outlookLabels } from '../../domain/money/finance.ts';
import { Tag } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatKr } from '../format.ts';
import { home } from '../render.tsx';
import { planPaths } from '../plans/paths.ts';
import { moneyPaths } from './paths.ts';

export const planCrumbs = (planId: number, planName: string, last?: string) => [
  home,
  { label: 'Planer', href: planPaths.list() },
  { label: planName, href: planPaths.plan(planId) },
  ...(last ? [{ label: 'Økonomi', href: moneyPaths.plan(planId) }, { label: last }] : [{ label: 'Økonomi' }]),
];

/** Variance shown with its sign and meaning (budget − actual). */
export const Variance = ({ ore }: { ore: number }) => <span class={ore < 0 ? 'text-error' : undefined}>{formatKr(ore)}</span>;

export function OutlookTag({ figures }: { figures: SpendFigures }) {
  const kind =
    figures.outlook === 'over' ? 'error' : figures.outlook === 'under' ? 'warning' : figures.outlook === 'on_budget' ? 'success' : 'info';
  return <Tag kind={kind}>{outlookLabels[figures.outlook]}</Tag>;
}

export const pct = bpText;

export const formOf = (c: Context<AppEnv>) => c.req.query('form') ?? '';
