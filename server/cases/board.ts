/**
 * The monitor board's counts: open cases by org unit × procedure × light, within the supervisor's
 * subtree. Listing every open case costs Temporal about half a millisecond of CPU per row (10,000
 * open cases: ~14 s with decoding), while a Count reads no rows out. So the board is counted, not
 * listed, whenever the counts can be shown to cover every case:
 *  - the total, one Count; more than the board limit → counted from the listing as before
 *    (`truncated`: the counts are of the first `limit` listed);
 *  - the procedure: the filter, or the only published procedure that has open cases (a Count per
 *    procedure key, summing to the total); several → the listing;
 *  - per org unit of the subtree, a Count, summing to the total;
 *  - red and yellow, a Count each and, where there are any, a Count per unit; green is the rest,
 *    as in the listing, where anything not red or yellow is green.
 * Any sum that does not match (a case in a unit no longer in the tree, cases started meanwhile) or
 * too many units for the visibility request budget → the listing, which decodes only the three
 * search attributes the board reads (no memo decryption).
 */
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import type { BoardSchema } from '../../api/index.js';
import type { Principal } from '../auth/principal.js';
import { SA } from '../../workflows/search-attributes.js';
import { caseQuery, quote } from './visibility-query.js';
import { countOf, procedureTitles, rawKeyword, scanUpTo } from './listing.js';

export type Board = z.infer<typeof BoardSchema>;
type BoardCell = Board['cells'][number];
type Light = keyof Board['totals'];

const OPEN = ['running', 'suspended'];
/** Counts in flight at once, and at most this many per board (one request each against the namespace's visibility rate). */
const CONCURRENCY = 4;
const MAX_COUNTS = 400;

/** `fn` over `items`, at most CONCURRENCY at a time. */
async function each<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export async function monitorBoard(ctx: AppContext, p: Principal, f: { procedure?: string; orgUnit?: string }): Promise<Board> {
  const query = caseQuery({ scope: p.grantUnits, procedure: f.procedure, orgUnit: f.orgUnit, status: OPEN });
  const titles = await procedureTitles(ctx);
  const cells = new Map<string, BoardCell>();
  const totals = { green: 0, yellow: 0, red: 0 };
  const add = (orgUnit: string, procedure: string, light: Light, n: number) => {
    if (n <= 0) return;
    const key = `${orgUnit}|${procedure}`;
    const cell = cells.get(key) ?? { orgUnit, orgUnitName: ctx.org.tree.name(orgUnit) ?? orgUnit, procedure, procedureTitle: titles.get(procedure) ?? procedure, green: 0, yellow: 0, red: 0 };
    cell[light] += n;
    totals[light] += n;
    cells.set(key, cell);
  };
  const board = (truncated: boolean): Board => ({
    cells: [...cells.values()].sort((a, b) => a.orgUnit.localeCompare(b.orgUnit) || a.procedure.localeCompare(b.procedure)),
    totals,
    truncated,
    limit: ctx.boardLimit,
  });

  const counted = await countBoard(ctx, p, f, query, [...titles.keys()]);
  if (counted) {
    for (const c of counted) {
      add(c.orgUnit, c.procedure, 'red', c.red);
      add(c.orgUnit, c.procedure, 'yellow', c.yellow);
      add(c.orgUnit, c.procedure, 'green', c.total - c.red - c.yellow);
    }
    return board(false);
  }
  const { items, truncated } = await scanUpTo(ctx, query, ctx.boardLimit, (raw) => ({
    orgUnit: rawKeyword(raw, SA.orgUnit) ?? '',
    procedure: rawKeyword(raw, SA.procedure) ?? '',
    health: rawKeyword(raw, SA.health),
  }));
  for (const r of items) add(r.orgUnit, r.procedure, r.health === 'red' || r.health === 'yellow' ? r.health : 'green', 1);
  return board(truncated);
}

/** Per unit: total, red and yellow of the one procedure; undefined when counts cannot cover every case (see the header). */
async function countBoard(
  ctx: AppContext,
  p: Principal,
  f: { procedure?: string; orgUnit?: string },
  query: string,
  procedureKeys: string[],
): Promise<{ orgUnit: string; procedure: string; total: number; red: number; yellow: number }[] | undefined> {
  const units = [...p.scopeUnits].filter((u) => !f.orgUnit || ctx.org.tree.isWithin(u, f.orgUnit));
  const keys = f.procedure ? [f.procedure] : procedureKeys;
  // total + one per procedure + one per unit + red and yellow (+ one per unit each, at worst)
  if (3 + keys.length + 3 * units.length > MAX_COUNTS) return undefined;
  let clause: (attr: string, value: string) => string;
  try {
    for (const v of [...units, ...keys]) quote(v);
    clause = (attr, value) => `${query} AND ${attr} = ${quote(value)}`;
  } catch {
    return undefined; // an id outside the query alphabet: the listing reads it instead
  }
  // Throttled by the namespace's visibility rate: the listing needs far fewer requests.
  const count = (q: string) => countOf(ctx, q, 2);
  try {
    const total = await count(query);
    if (total > ctx.boardLimit) return undefined;
    if (total === 0) return [];
    let procedure = f.procedure;
    if (!procedure) {
      const perKey = await each(keys, (k) => count(clause(SA.procedure.name, k)));
      const present = keys.filter((_, i) => perKey[i]! > 0);
      if (present.length !== 1 || sum(perKey) !== total) return undefined;
      procedure = present[0]!;
    }
    const perUnit = await each(units, (u) => count(clause(SA.orgUnit.name, u)));
    if (sum(perUnit) !== total) return undefined;
    const open = units.filter((_, i) => perUnit[i]! > 0);
    const byLight: Record<'red' | 'yellow', Map<string, number>> = { red: new Map(), yellow: new Map() };
    for (const light of ['red', 'yellow'] as const) {
      const lit = clause(SA.health.name, light);
      const n = await count(lit);
      if (n === 0) continue;
      const per = await each(open, (u) => count(`${lit} AND ${SA.orgUnit.name} = ${quote(u)}`));
      if (sum(per) !== n) return undefined;
      open.forEach((u, i) => byLight[light].set(u, per[i]!));
    }
    const out = open.map((u) => ({
      orgUnit: u,
      procedure: procedure!,
      total: perUnit[units.indexOf(u)]!,
      red: byLight.red.get(u) ?? 0,
      yellow: byLight.yellow.get(u) ?? 0,
    }));
    // A light changed between two counts: not one consistent picture.
    return out.every((c) => c.red + c.yellow <= c.total) ? out : undefined;
  } catch (err) {
    if ((err as { code?: number })?.code === 8) return undefined; // RESOURCE_EXHAUSTED after the retries
    throw err;
  }
}
