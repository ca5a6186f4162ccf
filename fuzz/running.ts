/**
 * Running fuzzer (issue 14): random definitions that pass validation are *executed* on a real
 * Temporal dev server, with random case data and random human actions — complete (with random
 * form data and actions), return, claim, tally and its confirmation, ballots and closing them,
 * objections — by eligible and by random users (the engine must refuse the latter cleanly). The
 * workflow tasks run in a child process as in the embedded default (temporal/workflow-process.ts),
 * so a crash of the workflow sandbox is counted instead of ending the run.
 *
 * Definitions come from the generators of fuzz/definitions.ts (the well-typed random topologies
 * and one-to-three random edits of its seed) and from `runnableGraph` below, which builds chains
 * of the seed's own nodes (tasks, tally and ballot votes, publicity, timers, service calls,
 * gateways, parallel blocks) with random back edges and CEL conditions. A share of definitions
 * refused only for CYCLE_WITHOUT_WAIT / EXPRESSION_TOO_COMPLEX is started anyway ("bypass"), as
 * a definition published before those rules would be: those must stop with an incident.
 *
 * Afterwards: the server answers, the workflow host never crashed, no case has a failing workflow
 * task, and every case has ended, waits on a person (an open task) or on time (a timer, a
 * publicity period), or stopped with an incident. Exit 1 otherwise.
 *
 *   npx tsx fuzz/running.ts --quick          # CI: ~25 definitions, ≤ 2 min
 *   npx tsx fuzz/running.ts [--definitions 300] [--actions 40] [--seed 42] [--out file.json]
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { createActivities, createCalloutRegistry, createMemoryDirectory, createMemoryNotifier } from '../activities/index.js';
import type { DefinitionInput, Node } from '../dsl/schema.js';
import { validateDefinition } from '../dsl/validate.js';
import * as M from '../workflows/messages.js';
import { SA } from '../workflows/search-attributes.js';
import { CASE_WORKFLOW, caseStartOptions } from '../temporal/case-start.js';
import type { Actor, CaseInput, CaseState, OrgContext, TaskRecord } from '../workflows/types.js';
import { startWorkflowProcess } from '../temporal/workflow-process.js';
import { startDevServer, TEST_CODEC_KEY, testDataConverter, uniqueTaskQueue, workflowBundle } from '../testkit/temporal.js';
import { actorIn } from '../testkit/case-harness.js';
import { mutatedDefinition, numberOption, seedDefinition, wellTypedGraph } from './definitions.js';

// ───────────────────────── the people ─────────────────────────

const ORG: OrgContext = { unit: 'v1', ancestors: ['t1', 'c1'], township: 't1', county: 'c1' };
const DIRECTORY: Record<string, string[]> = {
  'VIL_COMM@v1': ['comm1', 'comm2', 'comm3'],
  'TWN_SEC@t1': ['sec1'],
  'VIL_REP@v1': ['rep1', 'rep2', 'rep3', 'rep4', 'rep5'],
};
const USERS = ['init', 'outsider', ...new Set(Object.values(DIRECTORY).flat())];

const actor = (userId: string): Actor => actorIn(DIRECTORY, userId);

const holders = (role: string | undefined): string[] => (role ? Object.entries(DIRECTORY).filter(([k]) => k.startsWith(`${role}@`)).flatMap(([, u]) => u) : []);

// ───────────────────────── a generator of runnable definitions ─────────────────────────

const CONDITIONS = [
  'data.amount > 100',
  'data.amount == null',
  'data.amount != null && data.amount >= 5000',
  'data.topic == "修路"',
  'data.topic != null && data.topic.size() > 3',
  '[1, 2, 3].exists(v, v == 2)',
  'data.amount * 2 > 300',
  '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].all(a, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].all(b, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].all(c, a + b + c >= 0)))',
  'initiator == "init"',
  // Nine nested comprehensions: refused by the validator, out of steps at run time (bypass only).
  `${Array.from({ length: 9 }, (_, i) => `[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].all(x${i}, `).join('')}true${')'.repeat(9)}`,
];

type Block = { kind: 'task' | 'tally' | 'ballots' | 'publicity' | 'timer' | 'exclusive' | 'setData' | 'callout' | 'notify' | 'parallel' };

/**
 * Chains of the seed definition's own nodes with random back edges (loops, some without a wait)
 * and conditions from a pool that includes one too complex to validate. Many come out valid.
 */
export const runnableGraph: fc.Arbitrary<DefinitionInput> = fc
  .record({
    blocks: fc.array(fc.constantFrom<Block['kind']>('task', 'task', 'tally', 'ballots', 'publicity', 'timer', 'exclusive', 'exclusive', 'setData', 'callout', 'notify', 'parallel'), { minLength: 1, maxLength: 8 }),
    extra: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), cond: fc.nat({ max: CONDITIONS.length - 1 }) }), { maxLength: 4 }),
    returns: fc.boolean(),
    quickPublicity: fc.boolean(),
    quickTimer: fc.boolean(),
    // The issue's loop of two gateways at the head of the chain (refused: bypass only).
    spin: fc.constantFrom(false, false, false, false, true),
  })
  .map(({ blocks, extra, returns, quickPublicity, quickTimer, spin }) => {
    const seed = seedDefinition();
    const tmpl = (id: string) => structuredClone(seed.nodes.find((n) => n.id === id)!);
    const nodes: DefinitionInput['nodes'] = [{ id: 'start', name: '开始', kind: 'start' }];
    const edges: DefinitionInput['edges'] = [];
    const spine: string[] = ['start'];
    const human: string[] = [];
    let e = 0;
    const edge = (from: string, to: string, more: Partial<DefinitionInput['edges'][number]> = {}) => edges.push({ id: `e${++e}`, from, to, ...more });
    const single = (kind: Block['kind'], id: string): DefinitionInput['nodes'][number] => {
      switch (kind) {
        case 'task': {
          const n = { ...tmpl('draft'), id, name: `任务${id}` } as Extract<Node, { kind: 'task' }>;
          n.actions = [
            { name: 'agree', label: '同意', approve: true, requireComment: false },
            { name: 'reject', label: '不同意', approve: false, requireComment: false },
          ];
          if (returns && human.length) Object.assign(n, { operations: ['return', 'comment'], returnTargets: [human[0]!] });
          return n;
        }
        case 'tally':
          return { ...tmpl('vote'), id, name: `表决${id}` };
        case 'ballots': {
          const v = tmpl('vote') as Extract<Node, { kind: 'vote' }>;
          return { ...v, id, name: `投票${id}`, vote: { ...v.vote, mode: 'ballots', voterRole: 'VIL_REP', tellerRole: 'VIL_COMM', secret: true } };
        }
        case 'publicity': {
          const p = tmpl('pub') as Extract<Node, { kind: 'publicity' }>;
          return { ...p, id, name: `公示${id}`, period: quickPublicity ? { amount: 0, unit: 'minutes' } : p.period };
        }
        case 'timer':
          return { id, name: `等待${id}`, kind: 'timer', duration: { amount: quickTimer ? 0 : 1, unit: 'minutes' } };
        case 'exclusive':
          return { id, name: `判断${id}`, kind: 'gateway', gateway: 'exclusive' };
        case 'setData':
          return { id, name: `计算${id}`, kind: 'service', action: 'setData', params: { set: { amount: 'data.amount == null ? 100.0 : data.amount + 1.0' } } };
        case 'callout':
          return { id, name: `外部${id}`, kind: 'service', action: 'callout', params: { name: 'fuzz' } };
        case 'notify':
          return { ...tmpl('note'), id, name: `通知${id}` };
        default:
          throw new Error(kind);
      }
    };
    if (spin) {
      nodes.push({ id: 'spin1', name: '判断甲', kind: 'gateway', gateway: 'exclusive' }, { id: 'spin2', name: '判断乙', kind: 'gateway', gateway: 'exclusive' });
      edge('start', 'spin1');
      edge('spin1', 'spin2');
      edge('spin2', 'spin1', { condition: 'data.amount == null || data.amount < 50000' });
      spine.push('spin2');
    }
    blocks.forEach((kind, i) => {
      const prev = spine[spine.length - 1]!;
      if (kind === 'parallel') {
        const [s, a, b, j] = [`s${i}`, `p${i}a`, `p${i}b`, `j${i}`];
        nodes.push({ id: s, name: `分头${i}`, kind: 'gateway', gateway: 'parallelSplit' }, single('task', a), single(i % 2 ? 'callout' : 'timer', b), { id: j, name: `汇合${i}`, kind: 'gateway', gateway: 'parallelJoin', pairedWith: s });
        edge(prev, s);
        edge(s, a);
        edge(s, b);
        edge(a, j);
        edge(b, j);
        human.push(a);
        spine.push(j);
        return;
      }
      const id = `n${i}`;
      nodes.push(single(kind, id));
      if (kind === 'task' || kind === 'tally' || kind === 'ballots' || kind === 'publicity') human.push(id);
      edge(prev, id);
      spine.push(id);
    });
    nodes.push({ id: 'done', name: '办结', kind: 'end', outcome: 'done' }, { id: 'no', name: '未通过', kind: 'end', outcome: 'rejected' });
    edge(spine[spine.length - 1]!, 'done');
    // Outcomes: a vote's rejection and no quorum, a task's 不同意, objections → the 'no' end or back.
    for (const n of nodes) {
      if (n.kind === 'vote') edge(n.id, 'no', { outcome: 'rejected' }), edge(n.id, 'no', { outcome: 'no_quorum' });
      if (n.kind === 'task' && n.id.startsWith('n')) edge(n.id, 'no', { outcome: 'reject' });
      if (n.kind === 'publicity') edge(n.id, 'no', { outcome: 'objections' });
    }
    // Random extra edges from gateways and from tasks (by their 同意 outcome): back edges make loops.
    for (const x of extra) {
      const from = spine[1 + (x.from % Math.max(1, spine.length - 1))];
      const to = spine[1 + (x.to % Math.max(1, spine.length - 1))];
      const node = nodes.find((n) => n.id === from);
      if (!from || !to || !node || node.kind !== 'gateway' || node.gateway !== 'exclusive') continue;
      edge(from, to, { condition: CONDITIONS[x.cond] });
    }
    // The spine edge out of an exclusive gateway is its default.
    for (const n of nodes) {
      if (n.kind !== 'gateway' || n.gateway !== 'exclusive') continue;
      const out = edges.filter((x) => x.from === n.id && !x.condition);
      if (out[0]) out[0].default = true;
    }
    // Edges routed by outcome: the plain spine edge of a vote/task/publicity is its default.
    for (const n of nodes) {
      if (n.kind !== 'vote' && n.kind !== 'task' && n.kind !== 'publicity') continue;
      const plain = edges.find((x) => x.from === n.id && !x.outcome && !x.condition);
      if (plain && edges.some((x) => x.from === n.id && x.outcome)) plain.default = true;
    }
    return { ...seed, key: 'fuzz-run', title: '运行模糊测试', nodes, edges };
  });

/** Refused only by the rules that a definition published before them would have escaped. */
const BYPASSABLE = new Set(['CYCLE_WITHOUT_WAIT', 'EXPRESSION_TOO_COMPLEX']);

interface Candidate {
  source: string;
  definition: unknown;
  bypass: boolean;
}

function candidates(count: number, seed: number, bypassShare: number): Candidate[] {
  const out: Candidate[] = [];
  const gens: [string, fc.Arbitrary<unknown>][] = [
    ['runnable-graph', runnableGraph],
    ['typed-graph', wellTypedGraph],
    ['mutated-seed', mutatedDefinition],
  ];
  let bypassed = 0;
  for (let round = 0; out.length < count && round < 200; round++) {
    for (const [source, arb] of gens) {
      // A few of each generator per round, so every source is represented in a short run.
      let taken = 0;
      for (const d of fc.sample(arb, { numRuns: 40, seed: seed + round * 7919 + source.length })) {
        if (out.length >= count || taken >= (source === 'runnable-graph' ? 3 : 1)) break;
        const r = validateDefinition(d);
        if (r.valid && r.definition) {
          taken++;
          out.push({ source, definition: r.definition, bypass: false });
        } else if (
          r.definition &&
          r.issues.some((i) => BYPASSABLE.has(i.code)) &&
          r.issues.filter((i) => i.severity === 'error').every((i) => BYPASSABLE.has(i.code)) &&
          bypassed < count * bypassShare
        ) {
          // The schema still holds (only the new rules refuse it): start it as it was published before them.
          bypassed++;
          taken++;
          out.push({ source: `${source}+bypass`, definition: r.definition, bypass: true });
        }
      }
    }
  }
  return out;
}

// ───────────────────────── random human actions ─────────────────────────

interface Tally {
  accepted: number;
  refused: number;
  unexpected: string[];
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(rng() * xs.length)] : undefined);

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function eligible(task: TaskRecord): string[] {
  const byGrant = task.candidateGrants.flatMap((g) => DIRECTORY[`${g.role}@${g.orgUnit}`] ?? []);
  return [...new Set([...task.assignees, ...byGrant, ...(task.claimedBy ? [task.claimedBy] : [])])];
}

function formData(rng: Rng, def: { fields: { key: string; type: string; options?: { value: string }[] }[] }, keys: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const k of keys) {
    const f = def.fields.find((x) => x.key === k);
    if (!f || rng() < 0.15) continue;
    if (f.type === 'money' || f.type === 'number') data[k] = Math.floor(rng() * 200_000);
    else if (f.type === 'boolean') data[k] = rng() < 0.5;
    else if (f.type === 'select') data[k] = pick(rng, f.options ?? [])?.value;
    else if (f.type === 'text' || f.type === 'longText') data[k] = pick(rng, ['修路', '修桥', '水利', '']);
  }
  return data;
}

type Move = { name: string; run: () => Promise<unknown> };

/** Possible moves on one open task, a few by the wrong person. */
function movesFor(rng: Rng, h: WorkflowHandle, def: { nodes: Node[]; fields: never[] }, s: CaseState, task: TaskRecord): Move[] {
  const node = def.nodes.find((n) => n.id === task.nodeId);
  if (!node) return [];
  const someone = () => (rng() < 0.85 ? (pick(rng, eligible(task)) ?? pick(rng, USERS)!) : pick(rng, USERS)!);
  const up = <A>(name: string, u: M.UpdateName, args: A): Move => ({ name, run: () => h.executeUpdate(u, { args: [args] }) });
  const moves: Move[] = [];
  if (node.kind === 'task') {
    const action = pick(rng, node.actions)?.name;
    moves.push(up('complete', 'complete', { actor: actor(someone()), taskId: task.id, action, data: formData(rng, def, node.form), comment: '模糊测试' }));
    if (rng() < 0.3) moves.push(up('claim', 'claim', { actor: actor(someone()), taskId: task.id }));
    const target = pick(rng, node.returnTargets);
    if (target && rng() < 0.4) moves.push(up('return', 'return', { actor: actor(someone()), taskId: task.id, toNodeId: target, reason: '退回重办' }));
  } else if (node.kind === 'vote') {
    const view = s.votes.find((v) => v.nodeId === node.id && v.status !== 'decided');
    const tellers = [...holders(node.vote.tellerRole), ...eligible(task)];
    if (node.vote.mode === 'tally') {
      if (view?.status === 'awaitingConfirmation') {
        moves.push(up('confirmTally', 'confirmTally', { actor: actor(pick(rng, [...holders(node.vote.scrutineerRole), ...tellers, 'sec1'])!), taskId: task.id, confirm: rng() < 0.85 }));
      } else {
        const entitled = 5 + Math.floor(rng() * 30);
        const present = Math.floor(rng() * (entitled + 1));
        const yes = Math.floor(rng() * (present + 1));
        const no = Math.floor(rng() * (present - yes + 1));
        moves.push(up('submitTally', 'submitTally', { actor: actor(pick(rng, tellers) ?? someone()), taskId: task.id, groups: [{ group: 'default', entitled, present, yes, no, abstain: present - yes - no }] }));
      }
    } else {
      const voters = holders(node.vote.voterRole);
      if (rng() < 0.7) moves.push(up('castBallot', 'castBallot', { actor: actor(pick(rng, voters) ?? someone()), taskId: task.id, choice: pick(rng, ['yes', 'no', 'abstain'] as const) }));
      else moves.push(up('closeBallot', 'closeBallot', { actor: actor(pick(rng, tellers) ?? someone()), taskId: task.id }));
    }
  } else if (node.kind === 'publicity') {
    moves.push(up('objection', 'objection', { actor: actor(pick(rng, USERS)!), nodeId: node.id, content: '有异议' }));
  }
  return moves;
}

const isRefusal = (err: unknown) => err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure;

// ───────────────────────── the run ─────────────────────────

export interface RunningFuzzSummary {
  seed: number;
  definitions: number;
  bySource: Record<string, number>;
  bypassed: number;
  actions: number;
  refusedActions: number;
  ended: number;
  /** Ended cases by how: completed, or failed with the engine's code (a clear stop of that case alone). */
  endedBy: Record<string, number>;
  waitingOnPeople: number;
  waitingOnTime: number;
  incidents: number;
  processCrashes: number;
  violations: string[];
  seconds: number;
}

async function runCase(client: Client, taskQueue: string, rng: Rng, c: Candidate, i: number, maxActions: number, tally: Tally): Promise<WorkflowHandle> {
  const def = c.definition as DefinitionInput & { key: string; version: number };
  const title = `运行模糊测试 ${i}`;
  const input: CaseInput = { definition: def as never, title, org: ORG, initiator: actor('init'), data: formData(rng, def as never, ['amount', 'topic']) };
  // Started as the API starts a case (temporal/case-start.ts).
  const h = await client.workflow.start(CASE_WORKFLOW, caseStartOptions(input, { caseId: `fuzz-run-${Date.now().toString(36)}-${i}`, taskQueue }));
  for (let step = 0; step < maxActions; step++) {
    const s = await waitQuiet(h);
    if (!s || (s.status !== 'running' && s.status !== 'suspended')) break;
    if (s.incidents?.some((x) => !x.resolvedAt)) break;
    const open = s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
    if (open.length === 0) break;
    const task = pick(rng, open)!;
    const moves = movesFor(rng, h, def as never, s, task);
    for (const m of moves.sort(() => rng() - 0.5)) {
      try {
        await m.run();
        tally.accepted++;
        break;
      } catch (err) {
        if (isRefusal(err)) tally.refused++;
        else tally.unexpected.push(`${h.workflowId} ${m.name}: ${String((err as Error)?.message ?? err)}`);
      }
    }
  }
  return h;
}

/** The state once the engine has come to rest (nothing changes for a moment), or undefined if the query fails. */
async function waitQuiet(h: WorkflowHandle): Promise<CaseState | undefined> {
  let last = '';
  for (let i = 0; i < 20; i++) {
    const s = await h.query(M.stateQuery).catch(() => undefined);
    if (!s) return undefined;
    const sig = JSON.stringify([s.status, s.path.length, s.tasks.map((t) => t.status), s.currentNodes.length]);
    if (sig === last) return s;
    last = sig;
    await new Promise((r) => setTimeout(r, 150));
  }
  return h.query(M.stateQuery).catch(() => undefined);
}

export async function fuzzRunning(opts: { definitions: number; actions: number; seed: number; bypassShare?: number; concurrency?: number }): Promise<RunningFuzzSummary> {
  const t0 = performance.now();
  const env = await startDevServer();
  const taskQueue = uniqueTaskQueue('fuzz-running');
  const wp = await startWorkflowProcess({ address: env.address, namespace: env.namespace ?? 'default', taskQueue, codecKey: TEST_CODEC_KEY, maxCachedWorkflows: 250, workflowBundle: await workflowBundle(), logLevel: 'ERROR' });
  const activities = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier(), callouts: createCalloutRegistry({ fuzz: async () => ({ ok: true }) }) }),
    dataConverter: await testDataConverter(),
  });
  const activitiesRunning = activities.run();
  const summary: RunningFuzzSummary = {
    seed: opts.seed,
    definitions: 0,
    bySource: {},
    bypassed: 0,
    actions: 0,
    refusedActions: 0,
    ended: 0,
    endedBy: {},
    waitingOnPeople: 0,
    waitingOnTime: 0,
    incidents: 0,
    processCrashes: 0,
    violations: [],
    seconds: 0,
  };
  try {
    const list = candidates(opts.definitions, opts.seed, opts.bypassShare ?? 0.15);
    const tally: Tally = { accepted: 0, refused: 0, unexpected: [] };
    const handles: { h: WorkflowHandle; c: Candidate }[] = [];
    let next = 0;
    const lane = async () => {
      while (next < list.length) {
        const i = next++;
        const c = list[i]!;
        summary.bySource[c.source] = (summary.bySource[c.source] ?? 0) + 1;
        if (c.bypass) summary.bypassed++;
        handles.push({ h: await runCase(env.client, taskQueue, mulberry32(opts.seed + i), c, i, opts.actions, tally), c });
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 3 }, lane));
    summary.definitions = list.length;
    summary.actions = tally.accepted;
    summary.refusedActions = tally.refused;
    summary.violations.push(...tally.unexpected.map((u) => `unexpected error: ${u}`));

    // Every case has ended, waits on a person or on time, or stopped with an incident.
    for (const { h, c } of handles) {
      const d = await h.describe();
      const pendingAttempt = d.raw.pendingWorkflowTask?.attempt ?? 0;
      if (pendingAttempt > 1) summary.violations.push(`${h.workflowId} (${c.source}): workflow task failing (attempt ${pendingAttempt})`);
      if (d.status.name !== 'RUNNING') {
        summary.ended++;
        let how = d.status.name.toLowerCase();
        if (d.status.name === 'FAILED') how = `failed:${await h.result().then(() => '?', (err: unknown) => (err as { cause?: { type?: string } }).cause?.type ?? '?')}`;
        summary.endedBy[how] = (summary.endedBy[how] ?? 0) + 1;
        continue;
      }
      const s = await waitQuiet(h);
      if (!s) {
        summary.violations.push(`${h.workflowId} (${c.source}): state query failed`);
        continue;
      }
      const def = c.definition as { nodes: Node[] };
      const kinds = s.currentNodes.map((n) => def.nodes.find((x) => x.id === n.nodeId)?.kind);
      if (s.incidents?.some((x) => !x.resolvedAt)) summary.incidents++;
      else if (s.tasks.some((t) => t.status === 'open' || t.status === 'claimed')) summary.waitingOnPeople++;
      else if (kinds.some((k) => k === 'timer' || k === 'publicity' || k === 'service') || s.status === 'suspended') summary.waitingOnTime++;
      else summary.violations.push(`${h.workflowId} (${c.source}): running with no open task, timer or incident at ${JSON.stringify(s.currentNodes.map((n) => n.nodeId))}`);
      await h.terminate('模糊测试结束').catch(() => undefined);
    }
    // The server is healthy.
    await env.connection.workflowService.getSystemInfo({}).catch((err: unknown) => summary.violations.push(`Temporal server not answering: ${String(err)}`));
    summary.processCrashes = wp.crashes;
    if (wp.crashes > 0) summary.violations.push(`the workflow host process crashed ${wp.crashes} time(s)`);
  } finally {
    activities.shutdown();
    await activitiesRunning.catch(() => undefined);
    await wp.stop();
    await env.teardown();
  }
  summary.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return summary;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: number) => numberOption(args, name, dflt);
  const quick = args.includes('--quick');
  const definitions = opt('definitions', quick ? 24 : 300);
  const actions = opt('actions', quick ? 12 : 40);
  const seed = opt('seed', Date.now() % 2 ** 31);
  console.log(`running fuzzer${quick ? ' (quick)' : ''}: ${definitions} definitions, up to ${actions} actions each, seed ${seed}`);
  const s = await fuzzRunning({ definitions, actions, seed });
  console.log(
    `  definitions executed ${s.definitions} (${Object.entries(s.bySource).map(([k, v]) => `${k} ${v}`).join(', ')}; bypassing the new rules ${s.bypassed})\n` +
      `  actions executed ${s.actions} (refused by the engine, as they should be: ${s.refusedActions})\n` +
      `  cases ended ${s.ended} (${Object.entries(s.endedBy).map(([k, v]) => `${k} ${v}`).join(', ')}), waiting on people ${s.waitingOnPeople}, waiting on time ${s.waitingOnTime}, stopped with an incident ${s.incidents}\n` +
      `  process crashes ${s.processCrashes}, violations ${s.violations.length}, ${s.seconds} s`,
  );
  const outIndex = args.indexOf('--out');
  if (outIndex >= 0 && args[outIndex + 1]) writeFileSync(args[outIndex + 1]!, `${JSON.stringify(s, null, 2)}\n`);
  if (s.violations.length) {
    for (const v of s.violations.slice(0, 30)) console.error(`  ✗ ${v}`);
    process.exit(1);
  }
  console.log('ok: every case ended, waits, or stopped with an incident; the server and the worker stayed up');
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
