import type { Updateable } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { KeyfigureSettingTable } from '../../db/tables/keyfigures.ts';
import { assertVersion } from '../../db/versioned.ts';
import {
  COPENHAGEN_INDICATORS,
  describeVulnerableAreaRule,
  type IndicatorId,
  type OriginDefinitionId,
  originDefinition,
  ruleProblems,
  type VulnerableAreaRule,
} from '../../domain/keyfigures/index.ts';
import { Invalid } from '../../errors.ts';
import { authorize } from '../../policy/index.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

export interface KeyfigureSettings {
  rule: VulnerableAreaRule;
  ruleText: string;
  /** The stored suppression threshold, or null to use the configured default. */
  threshold: number | null;
  /** R20 — the origin definition the national criteria are computed with. */
  origin: { id: OriginDefinitionId; label: string };
  version: number;
  updatedAt: Date;
}

/** R18 — the stored designation rule and suppression threshold. */
export async function loadSettings(db: Executor): Promise<KeyfigureSettings> {
  const row = await db.selectFrom('keyfigure_setting').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const rule = row.designation_rule as unknown as VulnerableAreaRule;
  return {
    rule,
    ruleText: describeVulnerableAreaRule(rule),
    threshold: row.suppression_threshold,
    origin: { id: row.origin_definition, label: originDefinition(row.origin_definition).label },
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function getSettings(ctx: ServiceContext): Promise<KeyfigureSettings> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  return loadSettings(ctx.db);
}

export interface SettingsInput {
  name: string;
  indicators: IndicatorId[];
  minDeviating: number;
  deviationKind: 'relative' | 'points';
  deviation: string;
  threshold: number | null;
}

/**
 * The one settings row, written under its version with the audit record of before and after: every settings use case
 * ends here, after its own checks.
 */
async function writeSettingsRow(
  ctx: ServiceContext,
  trx: Executor,
  version: number,
  set: Omit<Updateable<KeyfigureSettingTable>, 'version' | 'updated_at'>,
  summary: string,
): Promise<KeyfigureSettings> {
  const current = await trx.selectFrom('keyfigure_setting').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  await assertVersion(trx, current as never, version, 'keyfigure_setting');
  const after = await trx
    .updateTable('keyfigure_setting')
    .set({ ...set, version: current.version + 1, updated_at: ctx.now() })
    .where('id', '=', 1)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx.actor, {
    action: 'update',
    entityType: 'keyfigure_setting',
    entityId: 1,
    version: after.version,
    summary,
    before: current as never,
    after: after as never,
  });
  return loadSettings(trx);
}

/** R18 — admin or secretariat changes Copenhagen's designation rule and the threshold (version-checked, audited). */
export async function updateSettings(ctx: ServiceContext, version: number, input: SettingsInput): Promise<KeyfigureSettings> {
  return inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'configure', { type: 'keyfigures' });
    const amount = input.deviation.trim().replace(',', '.');
    const rule: VulnerableAreaRule = {
      id: 'kommunens-regel',
      name: input.name.trim(),
      indicators: COPENHAGEN_INDICATORS.map((i) => i.id).filter((id) => input.indicators.includes(id)),
      minDeviating: input.minDeviating,
      deviation: input.deviationKind === 'relative' ? { kind: 'relative', percent: amount } : { kind: 'points', points: amount },
    };
    const errors: Record<string, string> = {};
    if (rule.name === '') errors.name = 'Skriv reglens navn.';
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(amount)) errors.deviation = 'Afvigelsen skal være et tal med højst to decimaler, fx 25 eller 12,5.';
    for (const p of ruleProblems(rule)) errors[p.field] ??= p.message;
    if (input.threshold !== null && (input.threshold < 1 || input.threshold > 100))
      errors.threshold = 'Diskretionsgrænsen skal være mellem 1 og 100.';
    if (Object.keys(errors).length) throw new Invalid(errors);
    return writeSettingsRow(
      ctx,
      trx,
      version,
      { designation_rule: JSON.stringify(rule), suppression_threshold: input.threshold },
      `Ændrede udpegningsreglen for udsatte byområder: ${describeVulnerableAreaRule(rule)}`,
    );
  });
}

/**
 * R20 — admin or secretariat swaps the origin definition of the national criteria (C-417/23): the law's
 * non-Western criterion, or none. Version-checked against the settings row, audited; every result names it.
 */
export async function updateOriginDefinition(ctx: ServiceContext, version: number, origin: OriginDefinitionId): Promise<KeyfigureSettings> {
  return inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'configure', { type: 'keyfigures' });
    const definition = originDefinition(origin);
    return writeSettingsRow(
      ctx,
      trx,
      version,
      { origin_definition: origin },
      `Ændrede oprindelsesdefinitionen for de nationale kriterier: ${definition.label}`,
    );
  });
}
