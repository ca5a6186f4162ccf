/**
 * 动态管理 迟报/漏报/瞒报 (procedures.md §5.5, SEED:004 曹县): each lapse is recorded against a
 * person, and the sanction follows the person's running count in the calendar year (Asia/Shanghai):
 * 1 → 批评教育、扣发当月奖金; 2 → 全县通报批评、扣发半年奖金; ≥ 3 → 停岗半年、扣发全年奖金.
 * The ledger lives outside the case (a person's lapses span cases): the `reporting-lapse` callout of
 * the 动态管理 procedure records one and answers {count, sanction}.
 */
import { shanghaiDate } from './business-calendar.js';
import type { CalloutHandler } from './callout.js';

export type LapseKind = 'late' | 'omitted' | 'concealed';
export const LAPSE_KINDS: readonly LapseKind[] = ['late', 'omitted', 'concealed'];
export const LAPSE_LABEL: Record<LapseKind, string> = { late: '迟报', omitted: '漏报', concealed: '瞒报' };

export interface LapseEntry {
  /** Idempotency key: a retried call records nothing twice. */
  key: string;
  person: string;
  kind: LapseKind;
  year: number;
  caseId: string;
  orgUnit?: string;
}

export interface LapseLedger {
  /** Records the entry (once per key) and returns the person's count for that year, this one included. */
  record(entry: LapseEntry): Promise<number>;
}

/** The sanction of the n-th lapse of a person in a year (SEED:004 曹县). */
export function lapseSanction(count: number): string {
  if (count >= 3) return '停岗半年，扣发全年奖金';
  if (count === 2) return '全县通报批评，扣发半年奖金';
  return '批评教育，扣发当月奖金';
}

export function createMemoryLapseLedger(): LapseLedger & { readonly entries: LapseEntry[] } {
  const entries: LapseEntry[] = [];
  return {
    entries,
    async record(entry) {
      if (!entries.some((e) => e.key === entry.key)) entries.push({ ...entry });
      return entries.filter((e) => e.person === entry.person && e.year === entry.year).length;
    },
  };
}

/**
 * The `reporting-lapse` callout: reads `lapse_person` and `lapse_kind` from the case data in the
 * payload, records the lapse in the year of `now` (Asia/Shanghai) and answers the running count
 * and its sanction. Anything else is an error the case shows, never a silent record.
 */
export function reportingLapseHandler(ledger: LapseLedger, now: () => Date = () => new Date()): CalloutHandler {
  return async (req) => {
    const data = (req.payload.data ?? req.payload) as Record<string, unknown>;
    const rawPerson = data.lapse_person;
    const person = Array.isArray(rawPerson) ? rawPerson[0] : rawPerson;
    const kind = data.lapse_kind;
    if (typeof person !== 'string' || person.length === 0) throw new Error('报送问题缺少责任人（lapse_person）');
    if (typeof kind !== 'string' || !(LAPSE_KINDS as readonly string[]).includes(kind)) throw new Error(`报送问题类型无效：${String(kind)}`);
    const year = Number(shanghaiDate(now()).slice(0, 4));
    const count = await ledger.record({ key: req.key ?? `${req.caseId}:${req.nodeId}`, person, kind: kind as LapseKind, year, caseId: req.caseId });
    return { count, year, sanction: `${LAPSE_LABEL[kind as LapseKind]}（本年度第 ${count} 条）：${lapseSanction(count)}` };
  };
}
