/**
 * Ballot secrecy by construction (issue 14). Five 村民代表 vote in a secret ballot with mixed
 * choices, through the real API, on a real Temporal server and a real database. Then an insider
 * with full access looks: the Temporal history with every payload decoded with the codec key,
 * every row of every table of the app database (with xmin, xmax and ctid), the notifications, the
 * server's log lines at trace level, and every answer the API gave to anyone.
 *
 * The test of "cannot be recovered": the same story is run twice with the same totals but with the
 * choices moved between the voters (ballot A and ballot B). If anything an insider can see
 * depended on who chose what, the two would differ; they must be identical once the case id, clock
 * readings and serial ids are taken out. A third ballot with other totals shows the comparison
 * does see the votes where they are legitimately visible (the totals).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectorySeed } from '../../server/seed/directory.js';
import { startStack, type Stack } from '../../testkit/stack.js';
import { call, eventually, type Res } from '../api/client.js';
import { ballotDefinition } from '../../testkit/api-fixtures.js';
import { bag, bagDifference, databaseRows, decodedHistory, logSink, normalize, stableJson, type DecodedHistory, type Row } from './observe.js';

const PASSWORD = 'jiceng2026';
const VOTERS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;
type Choice = 'yes' | 'no' | 'abstain';

const DIRECTORY: DirectorySeed = {
  units: [
    { id: 'c1', name: '示范县', level: 'county', parentId: null },
    { id: 't1', name: '桂花镇', level: 'township', parentId: 'c1' },
    { id: 'v1', name: '小河村', level: 'village', parentId: 't1' },
  ],
  users: [
    { id: 'admin', username: 'admin', name: '管理员', grants: [{ role: 'ADMIN', orgUnit: 'c1' }] },
    { id: 'designer', username: 'designer', name: '流程管理员', grants: [{ role: 'PROC_ADMIN', orgUnit: 'c1' }] },
    { id: 'sec', username: 'sec', name: '镇党委书记', grants: [{ role: 'TWN_SEC', orgUnit: 't1' }] },
    { id: 'teller', username: 'teller', name: '村委计票人', grants: [{ role: 'VIL_COMM', orgUnit: 'v1' }] },
    ...VOTERS.map((id, i) => ({ id, username: id, name: `村民代表${'甲乙丙丁戊'[i]}`, grants: [{ role: 'VIL_REP', orgUnit: 'v1' }] })),
  ],
};
const EVERYONE = DIRECTORY.users.map((u) => u.id);

/** 村民代表 vote by secret ballot; the box opens at ⅔ of them (4 of 5); > ½ of ballots passes. */
const BALLOT = ballotDefinition('sec-ballot', {
  title: '村民代表无记名表决',
  voters: { role: 'VIL_REP', name: '村民代表' },
  teller: { role: 'VIL_COMM', name: '村委' },
  quorumTwoThirds: true,
});

let stack: Stack;
const logs = logSink();
const cookies: Record<string, string> = {};
const as = (user: string) => ({
  get: (p: string) => call(stack.url, 'GET', p, { cookie: cookies[user] }),
  post: (p: string, b: unknown = {}) => call(stack.url, 'POST', p, { cookie: cookies[user], body: b }),
  put: (p: string, b: unknown) => call(stack.url, 'PUT', p, { cookie: cookies[user], body: b }),
});

interface Observed {
  caseId: string;
  history: DecodedHistory;
  /** Rows of the app database that belong to the case, per table (system columns apart). */
  rows: Record<string, Row[]>;
  /** The ballot tables' system columns (xmin, ctid) as ranks among the case's own rows. */
  system: unknown;
  /** Every answer the API gave during the story. */
  responses: unknown[];
  /** The server's log lines during the story. */
  logs: string[];
  early: Res[];
}

/** Keeps only what a list answer says about this case (earlier stories' cases are listed too). */
function aboutCase(body: unknown, caseId: string): unknown {
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown[] }).items)) {
    return { ...(body as object), items: (body as { items: { caseId?: string }[] }).items.filter((i) => i.caseId === caseId), unread: undefined, total: undefined };
  }
  return body;
}

/** Ranks of values (1 = smallest), so that runs with other absolute ids compare equal. */
function ranks(values: string[], cmp: (a: string, b: string) => number): Map<string, number> {
  return new Map([...new Set(values)].sort(cmp).map((v, i) => [v, i + 1]));
}
const byNumber = (a: string, b: string) => Number(a) - Number(b);
const byCtid = (a: string, b: string) => {
  const [pa, oa] = a.replace(/[()]/g, '').split(',').map(Number);
  const [pb, ob] = b.replace(/[()]/g, '').split(',').map(Number);
  return (pa ?? 0) - (pb ?? 0) || (oa ?? 0) - (ob ?? 0);
};

async function story(choices: Record<(typeof VOTERS)[number], Choice>): Promise<Observed> {
  const logStart = logs.lines.length;
  const responses: unknown[] = [];
  const early: Res[] = [];
  const started = await as('teller').post('/api/cases', { procedure: BALLOT.key, title: '村道修缮方案表决', orgUnit: 'v1' });
  expect(started.status).toBe(201);
  const caseId = started.body.caseId as string;
  const taskId = await eventually(async () => (await as('teller').get(`/api/cases/${caseId}`)).body.tasks?.find((t: { nodeId: string }) => t.nodeId === 'vote')?.id as string | undefined);
  const t = `/api/tasks/${caseId}/${taskId}`;
  const keep = (r: Res) => {
    responses.push({ status: r.status, body: aboutCase(r.body, caseId) });
    return r;
  };
  for (const [i, voter] of VOTERS.entries()) {
    const cast = keep(await as(voter).post(`${t}/ballot`, { choice: choices[voter] }));
    expect(cast.status).toBe(200);
    keep(await as(voter).get(`/api/cases/${caseId}`));
    keep(await as(voter).get(t));
    // After one ballot, and before the quorum (4 of 5), the teller may not open the box.
    if (i === 0 || i === 2) early.push(keep(await as('teller').post(`${t}/close-ballot`)));
  }
  keep(await as('r1').post(`${t}/ballot`, { choice: 'no' }));
  for (const user of EVERYONE) {
    keep(await as(user).get(`/api/cases/${caseId}`));
    keep(await as(user).get(t));
    keep(await as(user).get('/api/inbox?tab=todo'));
    keep(await as(user).get('/api/inbox?tab=done'));
    keep(await as(user).get('/api/cases'));
  }
  const closed = keep(await as('teller').post(`${t}/close-ballot`));
  expect(closed.status).toBe(200);
  await eventually(async () => (await as('teller').get(`/api/cases/${caseId}`)).body.status === 'completed');
  // The outcome is known to the workflow: every notification it sends has been written.
  await stack.env.client.workflow.getHandle(caseId).result();
  for (const user of EVERYONE) {
    keep(await as(user).get(`/api/cases/${caseId}`));
    keep(await as(user).get('/api/notifications'));
  }
  const history = await decodedHistory(stack, caseId);
  const all = await databaseRows(stack.server.ctx.db);
  const rows: Record<string, Row[]> = {};
  for (const [table, list] of Object.entries(all)) {
    const mine = list.filter((r) => JSON.stringify(r).includes(caseId));
    if (mine.length) rows[table] = mine.map(({ sys_xmin: _x, sys_xmax: _y, sys_ctid: _c, id: _id, ...rest }) => rest);
  }
  const ballotRows = [...(all.ballot_voter_roll ?? []), ...(all.ballot_boxes ?? [])].filter((r) => r.case_id === caseId);
  const xminRank = ranks(ballotRows.map((r) => String(r.sys_xmin)), byNumber);
  const ctidRank = (table: string) => ranks((all[table] ?? []).filter((r) => r.case_id === caseId).map((r) => String(r.sys_ctid)), byCtid);
  const system = ['ballot_voter_roll', 'ballot_boxes'].map((table) =>
    (all[table] ?? [])
      .filter((r) => r.case_id === caseId)
      .map((r) => ({ key: r.user_id ?? r.group_key, xmin: xminRank.get(String(r.sys_xmin)), xmax: r.sys_xmax === '0' ? 0 : 'set', ctid: ctidRank(table).get(String(r.sys_ctid)) }))
      .sort((a, b) => String(a.key).localeCompare(String(b.key))),
  );
  return { caseId, history, rows, system, responses, logs: logs.lines.slice(logStart), early };
}

/** A log line without what differs between two runs (time, request ids, ports, durations). */
function logEssence(line: string): unknown {
  try {
    const l = JSON.parse(line) as Record<string, unknown> & { req?: Record<string, unknown>; res?: Record<string, unknown> };
    return { level: l.level, msg: l.msg, method: l.req?.method, url: l.req?.url, status: l.res?.statusCode, code: l.code, err: (l.err as { message?: string } | undefined)?.message };
  } catch {
    return line;
  }
}

/** Everything the insider sees, as a comparable fingerprint per source. */
function fingerprint(o: Observed) {
  return {
    historyEvents: bag(o.history.events, o.caseId),
    historyPayloads: bag(o.history.payloads, o.caseId),
    rows: Object.fromEntries(Object.entries(o.rows).map(([t, rs]) => [t, bag(rs, o.caseId)])),
    system: normalize(stableJson(o.system), o.caseId),
    responses: bag(o.responses, o.caseId),
    logs: [...new Set(bag(o.logs.map(logEssence), o.caseId))],
  };
}

let a: Observed;
let b: Observed;
let c: Observed;

beforeAll(async () => {
  stack = await startStack({ seedDirectory: DIRECTORY, logLevel: 'trace', logStream: logs.stream });
  for (const u of DIRECTORY.users) cookies[u.id] = await stack.login(u.username ?? u.id, PASSWORD);
  expect((await as('designer').put(`/api/definitions/${BALLOT.key}/draft`, BALLOT)).status).toBe(200);
  expect((await as('designer').post(`/api/definitions/${BALLOT.key}/publish`, { changeNote: '保密测试' })).status).toBe(200);
  // 3 yes, 1 no, 1 abstain in both A and B; four of the five voters chose differently.
  a = await story({ r1: 'yes', r2: 'no', r3: 'yes', r4: 'abstain', r5: 'yes' });
  b = await story({ r1: 'abstain', r2: 'yes', r3: 'no', r4: 'yes', r5: 'yes' });
  // Other totals: 3 yes, 2 no.
  c = await story({ r1: 'no', r2: 'no', r3: 'yes', r4: 'yes', r5: 'yes' });
}, 600_000);

afterAll(async () => {
  await stack?.close();
});

describe('a 5-voter secret ballot with mixed choices', () => {
  it('the teller cannot open the box after one ballot, nor before the quorum of ballots (4 of 5)', () => {
    for (const o of [a, b, c]) {
      expect(o.early.map((r) => [r.status, r.body.code])).toEqual([
        [409, 'BALLOT_NOT_CLOSABLE'],
        [409, 'BALLOT_NOT_CLOSABLE'],
      ]);
      expect(o.early[0]?.body.message).toMatch(/未达到法定人数/);
    }
  });

  it('passes on the totals: 3 yes of 5 ballots', () => {
    const last = (o: Observed) => o.history.activities.find((x) => x.type === 'closeBallotBox')?.result;
    expect(last(a)).toEqual({ counts: { default: { cast: 5, yes: 3, no: 1, abstain: 1, invalid: 0 } }, voted: [...VOTERS] });
    expect(last(c)).toEqual({ counts: { default: { cast: 5, yes: 3, no: 2, abstain: 0, invalid: 0 } }, voted: [...VOTERS] });
  });

  it('the decoded Temporal history carries no choice: the case heard "voted" five times and the totals once', () => {
    for (const o of [a, b]) {
      expect(o.history.updates.filter((u) => u === 'recordVoted')).toHaveLength(5);
      expect(o.history.updates).not.toContain('castBallot');
      expect(o.history.updates.filter((u) => u === 'closeBallot')).toHaveLength(1);
      const text = JSON.stringify(o.history.payloads);
      expect(text).not.toMatch(/"choice"/);
      expect(o.history.payloads.length).toBeGreaterThan(20);
    }
  });

  it('the app database holds a voter roll without choices and one row of counters per box, without time', () => {
    const roll = a.rows.ballot_voter_roll ?? [];
    expect(roll.map((r) => r.user_id).sort()).toEqual([...VOTERS]);
    for (const r of roll) expect(Object.keys(r).sort()).toEqual(['case_id', 'round', 'task_id', 'user_id']);
    const boxes = a.rows.ballot_boxes ?? [];
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ group_key: 'default', closed: true, counts: { cast: 5, yes: 3, no: 1, abstain: 1, invalid: 0 } });
    expect(Object.keys(boxes[0] ?? {}).sort()).toEqual(['case_id', 'closed', 'counts', 'group_key', 'round', 'task_id']);
  });

  it('system columns link no voter to the box: the box row was rewritten when it was opened', () => {
    const [roll, boxes] = a.system as { key: string; xmin: number }[][];
    expect(roll).toHaveLength(5);
    expect(boxes).toHaveLength(1);
    // Five casts, five transactions; the box's row version is the close's, after all of them.
    expect(new Set(roll!.map((r) => r.xmin)).size).toBe(5);
    for (const r of roll!) expect(boxes![0]!.xmin).toBeGreaterThan(r.xmin);
  });

  it('ballots A and B (same totals, choices moved between voters) look the same in the history, every table, the logs and every answer', () => {
    const fa = fingerprint(a);
    const fb = fingerprint(b);
    // Each source on its own, so that a failure names where the link is.
    expect(bagDifference(fa.historyEvents, fb.historyEvents)).toEqual([]);
    expect(bagDifference(fa.historyPayloads, fb.historyPayloads)).toEqual([]);
    expect(bagDifference(fb.historyPayloads, fa.historyPayloads)).toEqual([]);
    expect(Object.keys(fa.rows).sort()).toEqual(Object.keys(fb.rows).sort());
    for (const table of Object.keys(fa.rows)) expect({ table, diff: bagDifference(fa.rows[table] ?? [], fb.rows[table] ?? []) }).toEqual({ table, diff: [] });
    expect(fa.system).toBe(fb.system);
    expect(bagDifference(fa.responses, fb.responses)).toEqual([]);
    expect(bagDifference(fb.responses, fa.responses)).toEqual([]);
    expect(fa.logs).toEqual(fb.logs);
    expect(a.logs.length).toBeGreaterThan(50);
  });

  it('the same comparison tells ballot C (other totals) apart: it sees the votes where they are public', () => {
    const fa = fingerprint(a);
    const fc = fingerprint(c);
    const diff = bagDifference(fa.historyPayloads, fc.historyPayloads);
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.join('\n')).toMatch(/"abstain":1/);
    expect(bagDifference(fa.rows.ballot_boxes ?? [], fc.rows.ballot_boxes ?? [])).toHaveLength(1);
  });

  it('no log line, at trace level, holds a ballot', () => {
    for (const o of [a, b, c]) {
      const text = o.logs.join('\n');
      expect(text).not.toMatch(/choice/);
      expect(o.logs.some((l) => l.includes('/ballot'))).toBe(true);
    }
  });
});
