/**
 * The village's warning light (动态管理, procedures.md §5.3): per village in the supervisor's scope,
 * the worst light of its open 动态管理 cases, read from their memo (`warning`, set by the case's
 * `light` nodes). Apart from deadline health: an overdue task does not turn a village red, and a
 * village is green when no warning is open.
 */
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { caseQuery } from './visibility-query.js';
import { listAll } from './listing.js';

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
  const rows = await listAll(ctx, caseQuery({ scope: p.grantUnits, procedure: WARNING_PROCEDURE, orgUnit: f.orgUnit, status: ['running', 'suspended'] }));
  for (const r of rows) {
    const memo = (r.info.memo ?? {}) as { warning?: { level?: unknown; reason?: unknown } };
    const level = asLevel(memo.warning?.level);
    if (!level || level === 'green') continue;
    // The village of the case: its unit, or the village above a group/grid unit.
    const village = [r.summary.orgUnit, ...ctx.org.tree.ancestors(r.summary.orgUnit)].find((u) => out.has(u));
    const entry = village ? out.get(village) : undefined;
    if (!entry) continue;
    entry.warnings.push({ caseId: r.summary.caseId, title: r.summary.title, level, reason: typeof memo.warning?.reason === 'string' ? memo.warning.reason : '' });
    if (RANK[level] > RANK[entry.level]) entry.level = level;
  }
  return [...out.values()];
}
