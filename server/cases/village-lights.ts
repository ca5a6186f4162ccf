/**
 * The village's warning light (动态管理, procedures.md §5.3): per village in the supervisor's scope,
 * the worst light of its open 动态管理 cases, read from the read model (proj_cases.warning_*, written
 * by the case from its `light` nodes; the memo of a projecting case stays as it was started). Apart from deadline health: an overdue task does not turn a village red, and a
 * village is green when no warning is open.
 */
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { Params, scopeSql, subtreeSql } from '../projection/sql.js';

export type WarningLevel = 'green' | 'yellow' | 'red';
const RANK: Record<WarningLevel, number> = { green: 0, yellow: 1, red: 2 };

export interface VillageLight {
  village: string;
  villageName: string;
  level: WarningLevel;
  warnings: { caseId: string; title: string; level: WarningLevel; reason: string }[];
}

export const WARNING_PROCEDURE = 'dongtai-yujing';

function asLevel(v: unknown): WarningLevel | undefined {
  return v === 'green' || v === 'yellow' || v === 'red' ? v : undefined;
}

export async function villageLights(ctx: AppContext, p: Principal, f: { orgUnit?: string } = {}): Promise<VillageLight[]> {
  const villages = ctx.org.tree
    .all()
    .filter((u) => u.level === 'village' && p.scopeUnits.has(u.id) && (!f.orgUnit || ctx.org.tree.isWithin(u.id, f.orgUnit)))
    .sort((a, b) => a.id.localeCompare(b.id));
  const out = new Map<string, VillageLight>(villages.map((v) => [v.id, { village: v.id, villageName: v.name, level: 'green' as WarningLevel, warnings: [] }]));
  const params = new Params();
  const where = [scopeSql(params, ctx.org.tree, p), `c.procedure = ${params.add(WARNING_PROCEDURE)}`, `c.status IN ('running', 'suspended')`, `c.warning_level IS NOT NULL`];
  if (f.orgUnit) where.push(subtreeSql(params, ctx.org.tree, f.orgUnit));
  const rows = await ctx.db.query<{ case_id: string; title: string; org_unit: string; warning_level: string; warning_reason: string | null }>(
    `SELECT c.case_id, c.title, c.org_unit, c.warning_level, c.warning_reason FROM proj_cases c WHERE ${where.join(' AND ')} ORDER BY c.case_id`,
    params.values,
  );
  for (const r of rows) {
    const level = asLevel(r.warning_level);
    if (!level || level === 'green') continue;
    // The village of the case: its unit, or the village above a group/grid unit.
    const village = [r.org_unit, ...ctx.org.tree.ancestors(r.org_unit)].find((u) => out.has(u));
    const entry = village ? out.get(village) : undefined;
    if (!entry) continue;
    entry.warnings.push({ caseId: r.case_id, title: r.title, level, reason: r.warning_reason ?? '' });
    if (RANK[level] > RANK[entry.level]) entry.level = level;
  }
  return [...out.values()];
}
