/**
 * What an insider with full access sees of a case: its Temporal history with every payload
 * decoded (they hold the codec key), every row of the app database with its system columns, the
 * server's log lines, and the API's answers. The security tests compare these between cases.
 */
import { Writable } from 'node:stream';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import type { Db } from '../../db/adapter.js';
import { createPayloadCodec } from '../../temporal/codec.js';
import { TEST_CODEC_KEY } from '../../testkit/temporal.js';
import type { Stack } from '../../testkit/stack.js';


/** Collects the server's log lines (pino JSON, one per line). */
export function logSink(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  let partial = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      partial += chunk.toString();
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l.trim() !== ''));
      done();
    },
  });
  return { stream, lines };
}

type PayloadLike = { metadata?: Record<string, Uint8Array | null | undefined> | null; data?: Uint8Array | null };

const isPayload = (v: unknown): v is PayloadLike =>
  !!v && typeof v === 'object' && 'metadata' in v && 'data' in v && (v as PayloadLike).data instanceof Uint8Array;

export interface DecodedHistory {
  /** Event types in order. */
  events: string[];
  /** Names of the updates the case accepted, in order. */
  updates: string[];
  /** Every payload of the history, decrypted with the key and parsed (JSON), in event order. */
  payloads: unknown[];
  /** Names of the activities scheduled, with their decoded results. */
  activities: { type: string; result: unknown }[];
}

/** The case's history as someone holding the codec key reads it. */
export async function decodedHistory(stack: Stack, caseId: string): Promise<DecodedHistory> {
  const codec = await createPayloadCodec(TEST_CODEC_KEY, []);
  const history = await stack.env.client.workflow.getHandle(caseId).fetchHistory();
  const payloads: unknown[] = [];
  const decodeOne = async (p: PayloadLike): Promise<unknown> => {
    const [plain] = await codec.decode([{ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).filter(([, v]) => v)) as Record<string, Uint8Array>, data: p.data ?? undefined }]);
    const enc = plain?.metadata?.[METADATA_ENCODING_KEY];
    // Buffer.from: protobufjs may hand back a Uint8Array of another realm under vitest.
    const text = plain?.data ? Buffer.from(plain.data).toString('utf8') : '';
    return enc && Buffer.from(enc).toString('utf8') === 'json/plain' ? JSON.parse(text) : text;
  };
  const walk = async (v: unknown, out: unknown[]): Promise<void> => {
    if (isPayload(v)) {
      out.push(await decodeOne(v));
      return;
    }
    if (Array.isArray(v)) for (const x of v) await walk(x, out);
    else if (v && typeof v === 'object' && !(v instanceof Uint8Array)) for (const x of Object.values(v)) await walk(x, out);
  };
  const events = history.events ?? [];
  const scheduled = new Map<string, string>();
  const activities: { type: string; result: unknown }[] = [];
  for (const e of events) {
    await walk(e, payloads);
    const s = e.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(String(e.eventId), s.activityType?.name ?? '');
    const c = e.activityTaskCompletedEventAttributes;
    if (c) {
      const out: unknown[] = [];
      await walk(c.result, out);
      activities.push({ type: scheduled.get(String(c.scheduledEventId)) ?? '', result: out[0] });
    }
  }
  return {
    events: events.map((e) => String(e.eventType)),
    updates: events.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name).filter((n): n is string => !!n),
    payloads,
    activities,
  };
}

export type Row = Record<string, unknown>;

/** Every row of every table of the app database, with the system columns xmin, xmax and ctid. */
export async function databaseRows(db: Db): Promise<Record<string, Row[]>> {
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const out: Record<string, Row[]> = {};
  for (const { table_name } of tables) {
    out[table_name] = await db.query<Row>(`SELECT xmin::text AS sys_xmin, xmax::text AS sys_xmax, ctid::text AS sys_ctid, * FROM "${table_name}"`);
  }
  return out;
}

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g;

/**
 * A text with what differs between any two runs of the same story taken out: the case id and the
 * document numbers derived from it, clock readings (ISO and protobuf timestamps), the database's serial ids and transaction ids. What remains can differ only by what
 * the people in the story did.
 */
export function normalize(text: string, caseId: string): string {
  return text
    .split(caseId)
    .join('<case>')
    .replace(ISO, '<time>')
    // Protobuf timestamps (a local activity's marker: when the projection write was scheduled and done).
    .replace(/\{"nanos":\d+,"seconds":\d+\}/g, '<time>')
    // A document's number is a hash of the case id and the node (activities/notice.ts noticeDocumentId).
    .replace(/DOC-[0-9a-f]{20}/g, '<document>')
    .replace(/"id":"?\d+"?/g, '"id":"<serial>"');
}

/** JSON of `v` with keys sorted (maps whose order is not meaningful compare equal). */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );
}

/** Sorted normalized JSON of each item: the same items in any order compare equal. */
export function bag(items: readonly unknown[], caseId: string): string[] {
  return items.map((i) => normalize(stableJson(i), caseId)).sort();
}

/** Elements of `a` not matched one-for-one in `b`. */
export function bagDifference(a: readonly string[], b: readonly string[]): string[] {
  const rest = new Map<string, number>();
  for (const x of b) rest.set(x, (rest.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = rest.get(x) ?? 0;
    if (n > 0) rest.set(x, n - 1);
    else out.push(x);
  }
  return out;
}
