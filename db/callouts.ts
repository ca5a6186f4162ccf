/**
 * The named integrations the worker serves to `callout` service nodes, backed by the app database:
 * `reporting-lapse` (动态管理 迟报/漏报/瞒报 per person and year, table reporting_lapses).
 */
import { createCalloutRegistry, type CalloutRegistry } from '../activities/callout.js';
import { reportingLapseHandler, type LapseLedger } from '../activities/reporting-lapses.js';
import type { Queryable } from './adapter.js';

export function createDbLapseLedger(db: Queryable): LapseLedger {
  return {
    async record(e) {
      await db.query(
        `INSERT INTO reporting_lapses(key, person, kind, year, case_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING`,
        [e.key, e.person, e.kind, e.year, e.caseId],
      );
      const rows = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM reporting_lapses WHERE person = $1 AND year = $2', [e.person, e.year]);
      return Number(rows[0]?.n ?? 0);
    },
  };
}

/** Per person and year: how many lapses, of which kind (the supervisor's view of the ledger). */
export async function lapseCounts(db: Queryable, year: number): Promise<{ person: string; late: number; omitted: number; concealed: number; total: number }[]> {
  const rows = await db.query<{ person: string; kind: string; n: string | number }>(
    'SELECT person, kind, count(*) AS n FROM reporting_lapses WHERE year = $1 GROUP BY person, kind ORDER BY person',
    [year],
  );
  const by = new Map<string, { person: string; late: number; omitted: number; concealed: number; total: number }>();
  for (const r of rows) {
    const e = by.get(r.person) ?? { person: r.person, late: 0, omitted: 0, concealed: 0, total: 0 };
    const n = Number(r.n);
    if (r.kind === 'late' || r.kind === 'omitted' || r.kind === 'concealed') e[r.kind] += n;
    e.total += n;
    by.set(r.person, e);
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.person.localeCompare(b.person));
}

export function createServerCallouts(db: Queryable): CalloutRegistry {
  return createCalloutRegistry({ 'reporting-lapse': reportingLapseHandler(createDbLapseLedger(db)) });
}
