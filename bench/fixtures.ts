/**
 * Definitions the benchmarks and the soak run. Built here (not loaded from procedures/) so each
 * benchmark measures one known shape; every one of them passes validateDefinition (checked by
 * `npm run bench:quick` before anything is timed).
 */
import type { DefinitionInput } from '../dsl/schema.js';

type NodeInput = DefinitionInput['nodes'][number];
type EdgeInput = DefinitionInput['edges'][number];

const ROLES: DefinitionInput['roles'] = [
  { key: 'VIL_COMM', name: '村民委员会(主任、委员)', level: 'village' },
  { key: 'TWN_SEC', name: '乡镇党委书记', level: 'township' },
];

/** One step of the automated definition, and what the hand-written workflow does for it. */
export type AutoStep = { kind: 'service'; id: string } | { kind: 'timer'; id: string } | { kind: 'gateway'; id: string };

/** service, timer(0), gateway, repeated: ten automated steps between start and end. */
export function automatedSteps(count = 10): AutoStep[] {
  const kinds = ['service', 'timer', 'gateway'] as const;
  return Array.from({ length: count }, (_, i) => ({ kind: kinds[i % 3]!, id: `s${i + 1}` }));
}

/**
 * The automated 10-step definition of benchmark (a): service nodes call the `callout` activity,
 * timers of 0 minutes go through the business calendar (computeSchedule), exclusive gateways
 * evaluate a CEL condition over case data (`data.amount > 100`, true for the bench data).
 */
export function automatedDefinition(count = 10): DefinitionInput {
  const steps = automatedSteps(count);
  const nodes: NodeInput[] = [{ id: 'start', name: '开始', kind: 'start' }];
  const edges: EdgeInput[] = [];
  let prev = 'start';
  let e = 0;
  const edge = (from: string, to: string, extra: Partial<EdgeInput> = {}) => edges.push({ id: `e${++e}`, from, to, ...extra });
  let gatewayFrom: string | undefined;
  for (const s of steps) {
    switch (s.kind) {
      case 'service':
        nodes.push({ id: s.id, name: `调用${s.id}`, kind: 'service', action: 'callout', params: { name: 'bench', payload: { step: s.id } } });
        break;
      case 'timer':
        nodes.push({ id: s.id, name: `等待${s.id}`, kind: 'timer', duration: { amount: 0, unit: 'minutes' } });
        break;
      case 'gateway':
        nodes.push({ id: s.id, name: `判断${s.id}`, kind: 'gateway', gateway: 'exclusive' });
        break;
    }
    if (gatewayFrom) edge(gatewayFrom, s.id, { condition: 'data.amount > 100' });
    else edge(prev, s.id);
    gatewayFrom = s.kind === 'gateway' ? s.id : undefined;
    if (s.kind === 'gateway') edge(s.id, 'rejected', { default: true });
    prev = s.id;
  }
  nodes.push({ id: 'done', name: '办结', kind: 'end', outcome: 'done' });
  nodes.push({ id: 'rejected', name: '不予办理', kind: 'end', outcome: 'rejected' });
  if (gatewayFrom) edge(gatewayFrom, 'done', { condition: 'data.amount > 100' });
  else edge(prev, 'done');
  return {
    key: 'bench-auto',
    version: 1,
    schemaVersion: 2,
    title: '基准：十步自动流程',
    roles: ROLES,
    fields: [{ key: 'amount', label: '金额', type: 'money' }],
    nodes,
    edges,
  };
}

const deadline = { duration: { amount: 5, unit: 'workingDays' as const }, timeoutAction: 'escalate' as const, escalateToRole: 'TWN_SEC', reminders: [] };

/** One human task then the end: what benchmarks (b) and (c) complete and list. */
export function singleTaskDefinition(key = 'bench-task'): DefinitionInput {
  return {
    key,
    version: 1,
    schemaVersion: 2,
    title: '基准：单一待办',
    roles: ROLES,
    fields: [{ key: 'opinion', label: '意见', type: 'text' }],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      { id: 'handle', name: '村委办理', kind: 'task', assignment: { type: 'role', role: 'VIL_COMM' }, form: ['opinion'], deadline },
      { id: 'done', name: '办结', kind: 'end', outcome: 'done' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'handle' },
      { id: 'e2', from: 'handle', to: 'done' },
    ],
  };
}

/**
 * Mixed procedures of the soak, each with the outcome its data must lead to:
 *   soak-seq: two tasks in sequence (村委 then 镇党委) → done
 *   soak-gw: a task, then an exclusive gateway on data.amount → big | small
 *   soak-par: a parallel split into two tasks and a join → done
 *   soak-auto: service call-out, a 2-second timer, a notify → done (no human)
 */
export function soakDefinitions(): DefinitionInput[] {
  const base = { version: 1, schemaVersion: 2 as const, roles: ROLES };
  const task = (id: string, name: string, role = 'VIL_COMM', form: string[] = []): NodeInput => ({
    id,
    name,
    kind: 'task',
    assignment: { type: 'role', role, scope: role === 'TWN_SEC' ? 'township' : 'case' },
    form,
    deadline,
  });
  return [
    {
      ...base,
      key: 'soak-seq',
      title: '压测：两步审批',
      fields: [],
      nodes: [{ id: 'start', name: '开始', kind: 'start' }, task('t1', '村委初审'), task('t2', '镇党委审核', 'TWN_SEC'), { id: 'done', name: '办结', kind: 'end', outcome: 'done' }],
      edges: [
        { id: 'e1', from: 'start', to: 't1' },
        { id: 'e2', from: 't1', to: 't2' },
        { id: 'e3', from: 't2', to: 'done' },
      ],
    },
    {
      ...base,
      key: 'soak-gw',
      title: '压测：金额分流',
      fields: [{ key: 'amount', label: '金额', type: 'money' }],
      nodes: [
        { id: 'start', name: '开始', kind: 'start' },
        task('t1', '登记金额', 'VIL_COMM', ['amount']),
        { id: 'g', name: '金额判断', kind: 'gateway', gateway: 'exclusive' },
        { id: 'big', name: '大额', kind: 'end', outcome: 'big' },
        { id: 'small', name: '小额', kind: 'end', outcome: 'small' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 't1' },
        { id: 'e2', from: 't1', to: 'g' },
        { id: 'e3', from: 'g', to: 'big', condition: 'data.amount > 50000' },
        { id: 'e4', from: 'g', to: 'small', default: true },
      ],
    },
    {
      ...base,
      key: 'soak-par',
      title: '压测：并行会办',
      fields: [],
      nodes: [
        { id: 'start', name: '开始', kind: 'start' },
        { id: 'split', name: '分头办理', kind: 'gateway', gateway: 'parallelSplit' },
        task('a', '村委办理'),
        task('b', '镇里办理', 'TWN_SEC'),
        { id: 'join', name: '汇总', kind: 'gateway', gateway: 'parallelJoin', pairedWith: 'split' },
        { id: 'done', name: '办结', kind: 'end', outcome: 'done' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'split' },
        { id: 'e2', from: 'split', to: 'a' },
        { id: 'e3', from: 'split', to: 'b' },
        { id: 'e4', from: 'a', to: 'join' },
        { id: 'e5', from: 'b', to: 'join' },
        { id: 'e6', from: 'join', to: 'done' },
      ],
    },
    {
      ...base,
      key: 'soak-auto',
      title: '压测：自动流转',
      fields: [],
      nodes: [
        { id: 'start', name: '开始', kind: 'start' },
        { id: 'call', name: '报送', kind: 'service', action: 'callout', params: { name: 'soak' } },
        { id: 'wait', name: '等待', kind: 'timer', duration: { amount: 0, unit: 'minutes' } },
        { id: 'tell', name: '通知镇党委', kind: 'service', action: 'notify', params: { toRole: 'TWN_SEC', message: '已报送' } },
        { id: 'done', name: '办结', kind: 'end', outcome: 'done' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'call' },
        { id: 'e2', from: 'call', to: 'wait' },
        { id: 'e3', from: 'wait', to: 'tell' },
        { id: 'e4', from: 'tell', to: 'done' },
      ],
    },
  ];
}

/**
 * A 300-node definition for the designer benchmark: a main line of tasks with an exclusive
 * gateway every 10 nodes whose side branch (two tasks) rejoins the main line, and a parallel
 * split/join every 30 nodes. No positions: the designer lays it out (elk) on open.
 */
export function largeDefinition(target = 300, withPositions = false): DefinitionInput {
  const nodes: NodeInput[] = [{ id: 'start', name: '开始', kind: 'start' }];
  const edges: EdgeInput[] = [];
  let e = 0;
  const edge = (from: string, to: string, extra: Partial<EdgeInput> = {}) => edges.push({ id: `e${++e}`, from, to, ...extra });
  const task = (id: string, name: string): NodeInput => ({ id, name, kind: 'task', assignment: { type: 'role', role: 'VIL_COMM' }, deadline });
  let prev = 'start';
  let i = 0;
  while (nodes.length < target - 1) {
    i++;
    if (i % 10 === 0 && nodes.length + 4 < target - 1) {
      const g = `g${i}`;
      nodes.push({ id: g, name: `分流${i}`, kind: 'gateway', gateway: 'exclusive' });
      edge(prev, g);
      const a = `x${i}a`;
      const b = `x${i}b`;
      const m = `m${i}`;
      nodes.push(task(a, `补充材料${i}`), task(b, `复核${i}`), task(m, `汇总${i}`));
      edge(g, a, { condition: `data.amount > ${i * 100}` });
      edge(a, b);
      edge(b, m);
      edge(g, m, { default: true });
      prev = m;
    } else if (i % 30 === 15 && nodes.length + 4 < target - 1) {
      const s = `p${i}`;
      const j = `j${i}`;
      nodes.push({ id: s, name: `并行${i}`, kind: 'gateway', gateway: 'parallelSplit' });
      nodes.push(task(`${s}a`, `会办甲${i}`), task(`${s}b`, `会办乙${i}`));
      nodes.push({ id: j, name: `会合${i}`, kind: 'gateway', gateway: 'parallelJoin', pairedWith: s });
      edge(prev, s);
      edge(s, `${s}a`);
      edge(s, `${s}b`);
      edge(`${s}a`, j);
      edge(`${s}b`, j);
      prev = j;
    } else {
      const t = `t${i}`;
      nodes.push(task(t, `办理环节${i}`));
      edge(prev, t);
      prev = t;
    }
  }
  nodes.push({ id: 'done', name: '办结', kind: 'end', outcome: 'done' });
  edge(prev, 'done');
  if (withPositions) nodes.forEach((n, k) => (n.position = { x: (k % 20) * 220, y: Math.floor(k / 20) * 140 }));
  return {
    key: 'bench-large',
    version: 1,
    schemaVersion: 2,
    title: '基准：三百节点流程',
    roles: ROLES,
    fields: [{ key: 'amount', label: '金额', type: 'money' }],
    nodes,
    edges,
  };
}
