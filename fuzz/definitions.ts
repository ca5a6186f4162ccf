/**
 * Definition fuzzer. Three generators of input for `validateDefinition`:
 *   - garbage: any JSON value (and some JS values JSON cannot carry), nested deeply;
 *   - random graphs: structurally plausible definitions with random node kinds, random edges over
 *     a small id pool (so duplicates, dangling edges, cycles and missing ends all occur), random
 *     conditions (valid CEL, broken CEL, unknown fields) and random vote rules;
 *   - mutations of a valid definition: one random value replaced anywhere in the tree.
 * And the properties every result must hold (`checkResult`), independent of how the validator
 * works inside: it never throws, never reports an internal failure, `valid` agrees with the
 * issues, a valid definition parses with the zod schema and is a sound graph (one start, an end,
 * no dangling edge, every node reachable from the start and able to reach an end).
 *
 * Run: `npx tsx fuzz/definitions.ts [--runs 5000] [--seed 42]` (npm run fuzz runs it);
 * tests/unit/fuzz-definitions.test.ts runs a few hundred of each in `npm test`.
 */
import fc from 'fast-check';
import { DefinitionSchema, type DefinitionInput } from '../dsl/schema.js';
import { validateDefinition, type ValidationResult } from '../dsl/validate.js';

type NodeInput = DefinitionInput['nodes'][number];
type EdgeInput = DefinitionInput['edges'][number];

// ───────────────────────── a valid seed ─────────────────────────

/** A small valid definition with every automated kind, a human task, a vote and a publicity node. */
export function seedDefinition(): DefinitionInput {
  const deadline = { duration: { amount: 5, unit: 'workingDays' as const }, timeoutAction: 'escalate' as const, escalateToRole: 'TWN_SEC' };
  return {
    key: 'fuzz-seed',
    version: 1,
    schemaVersion: 2,
    title: '模糊测试种子流程',
    roles: [
      { key: 'VIL_COMM', name: '村民委员会', level: 'village' },
      { key: 'TWN_SEC', name: '乡镇党委书记', level: 'township' },
      { key: 'VIL_REP', name: '村民代表', level: 'village' },
    ],
    fields: [
      { key: 'amount', label: '金额', type: 'money' },
      { key: 'topic', label: '议题', type: 'text', required: true },
    ],
    params: [],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      { id: 'draft', name: '拟定议题', kind: 'task', assignment: { type: 'role', role: 'VIL_COMM' }, form: ['topic', 'amount'], requiredFields: ['topic'], deadline },
      { id: 'big', name: '金额判断', kind: 'gateway', gateway: 'exclusive' },
      { id: 'note', name: '通知', kind: 'service', action: 'notify', params: { toRole: 'TWN_SEC', message: '有大额议题' } },
      { id: 'wait', name: '等待', kind: 'timer', duration: { amount: 1, unit: 'hours' } },
      {
        id: 'vote',
        name: '代表会议表决',
        kind: 'vote',
        assignment: { type: 'role', role: 'VIL_COMM' },
        deadline,
        vote: {
          mode: 'tally',
          secret: true,
          options: { type: 'yesNo' },
          quorum: { combine: 'all', rules: [{ base: 'entitled', op: '>=', num: 2, den: 3 }] },
          pass: { base: 'present', op: '>', num: 1, den: 2 },
        },
      },
      { id: 'pub', name: '公示', kind: 'publicity', assignment: { type: 'role', role: 'VIL_COMM' }, deadline, period: { amount: 5, unit: 'calendarDays' } },
      { id: 'done', name: '通过', kind: 'end', outcome: 'adopted' },
      { id: 'no', name: '未通过', kind: 'end', outcome: 'rejected' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'draft' },
      { id: 'e2', from: 'draft', to: 'big' },
      { id: 'e3', from: 'big', to: 'note', condition: 'data.amount > 100000' },
      { id: 'e4', from: 'big', to: 'vote', default: true },
      { id: 'e5', from: 'note', to: 'wait' },
      { id: 'e6', from: 'wait', to: 'vote' },
      { id: 'e7', from: 'vote', to: 'pub', outcome: 'passed' },
      { id: 'e8', from: 'vote', to: 'no', default: true },
      { id: 'e9', from: 'pub', to: 'done', default: true },
    ],
  };
}

// ───────────────────────── generators ─────────────────────────

const ID_POOL = ['start', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'end', 'end2', 'x-1', 'y_2'];
const ROLE_POOL = ['VIL_COMM', 'TWN_SEC', 'VIL_REP', 'NOPE', ''];
const FIELD_POOL = ['amount', 'topic', 'flag', 'missing'];

const anyText = fc.oneof(
  fc.constantFrom('', ' ', '开始', '村民代表会议', 'é', '\u0000', '😀', 'a'.repeat(300), '__proto__', 'constructor', '<script>'),
  fc.string({ maxLength: 20 }),
);
const id = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ID_POOL) }, { weight: 1, arbitrary: anyText });
const roleKey = fc.constantFrom(...ROLE_POOL);
const expression = fc.oneof(
  fc.constantFrom(
    'data.amount > 100000',
    'data.flag == true',
    'data.missing == 1',
    'params.unknown > 2',
    'outcome == "passed"',
    'data.topic.size() > 0',
    'foo.bar',
    '1 +',
    '))((',
    'true',
    'data.amount / 0 > 1',
    '"a" * 3',
    'data.amount > 1 && data.topic == "x" || initiator == "u1"',
    '',
  ),
  anyText,
);
const duration = fc.record(
  {
    amount: fc.oneof(fc.integer({ min: -1, max: 400 }), fc.constantFrom(0, 100_001, 1.5, Number.NaN)),
    unit: fc.constantFrom('minutes', 'hours', 'calendarDays', 'workingDays', 'months', 'years', 'fortnights'),
    param: id,
  },
  { requiredKeys: ['amount', 'unit'] },
);
const deadline = fc.record(
  {
    duration,
    reminders: fc.array(duration, { maxLength: 3 }),
    escalateToRole: roleKey,
    timeoutAction: fc.constantFrom('none', 'escalate', 'autoPass', 'autoReturn', 'explode'),
    returnTo: id,
    warnAtFraction: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(0.8)),
  },
  { requiredKeys: ['duration'] },
);
const assignment = fc.oneof(
  fc.record({ type: fc.constant('role'), role: roleKey, scope: fc.constantFrom('case', 'parent', 'township', 'county', 'field', 'moon') }, { requiredKeys: ['type', 'role'] }),
  fc.record({ type: fc.constant('user'), userIds: fc.array(fc.constantFrom('u1', 'u2', ''), { maxLength: 3 }) }),
  fc.record({ type: fc.constant('initiator') }),
  fc.record({ type: fc.constant('expression'), expr: expression }),
  fc.record({ type: fc.constant('psychic') }),
);
const ratio = fc.record({
  base: fc.constantFrom('entitled', 'present', 'cast', 'all', 'some'),
  op: fc.constantFrom('>', '>=', '<'),
  num: fc.integer({ min: -1, max: 12 }),
  den: fc.integer({ min: -1, max: 12 }),
});
const voteSpec = fc.record(
  {
    mode: fc.constantFrom('tally', 'ballots', 'shout'),
    secret: fc.boolean(),
    options: fc.oneof(
      fc.constant({ type: 'yesNo' }),
      fc.record({
        type: fc.constant('candidates'),
        candidates: fc.array(fc.constantFrom('张三', '李四', '王五'), { maxLength: 4 }),
        seats: fc.integer({ min: -1, max: 5 }),
        maxPicks: fc.integer({ min: -1, max: 5 }),
      }),
    ),
    quorum: fc.record({ combine: fc.constantFrom('all', 'any'), rules: fc.array(ratio, { maxLength: 3 }) }),
    pass: ratio,
    topN: fc.integer({ min: -1, max: 5 }),
    voterRole: roleKey,
  },
  { requiredKeys: ['mode', 'options', 'pass'] },
);

const node: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ id, name: anyText, kind: fc.constant('start') }),
  fc.record({ id, name: anyText, kind: fc.constant('end'), outcome: id }),
  fc.record(
    {
      id,
      name: anyText,
      kind: fc.constant('task'),
      assignment,
      form: fc.array(fc.constantFrom(...FIELD_POOL), { maxLength: 3 }),
      requiredFields: fc.array(fc.constantFrom(...FIELD_POOL), { maxLength: 2 }),
      deadline,
      actions: fc.array(fc.record({ name: id, label: anyText, approve: fc.boolean() }), { maxLength: 3 }),
      countersign: fc.oneof(
        fc.constantFrom({ mode: 'single' }, { mode: 'all' }, { mode: 'any' }, { mode: 'sequential' }),
        fc.record({ mode: fc.constant('ratio'), ratio: fc.double({ min: -1, max: 2, noNaN: true }) }),
      ),
      returnTargets: fc.array(id, { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'name', 'kind', 'assignment'] },
  ),
  fc.record({ id, name: anyText, kind: fc.constant('vote'), assignment, deadline, vote: voteSpec }, { requiredKeys: ['id', 'name', 'kind', 'assignment', 'vote'] }),
  fc.record({ id, name: anyText, kind: fc.constant('publicity'), assignment, deadline, period: duration }, { requiredKeys: ['id', 'name', 'kind', 'assignment', 'period'] }),
  fc.record({ id, name: anyText, kind: fc.constant('timer'), duration }),
  fc.record({ id, name: anyText, kind: fc.constant('gateway'), gateway: fc.constantFrom('exclusive', 'parallelSplit', 'parallelJoin', 'inclusive'), pairedWith: id }, { requiredKeys: ['id', 'name', 'kind', 'gateway'] }),
  fc.record({
    id,
    name: anyText,
    kind: fc.constant('service'),
    action: fc.constantFrom('notify', 'notice', 'setData', 'callout', 'light', 'launch'),
    params: fc.dictionary(fc.constantFrom('toRole', 'message', 'template', 'title', 'name', 'level', 'amount'), fc.oneof(anyText, expression, fc.integer())),
  }),
  fc.record({ id, name: anyText, kind: fc.constant('subprocess'), definitionKey: id, input: fc.dictionary(fc.constantFrom(...FIELD_POOL), expression) }),
  fc.record({ id, name: anyText, kind: anyText }),
);

const edge: fc.Arbitrary<unknown> = fc.record(
  {
    id: fc.oneof(fc.constantFrom('e1', 'e2', 'e3'), fc.string({ minLength: 1, maxLength: 4 }).map((s) => `e${s}`)),
    from: id,
    to: id,
    outcome: fc.constantFrom('passed', 'rejected', 'no_quorum', 'clear', 'objections', 'complete', 'nope'),
    condition: expression,
    default: fc.boolean(),
  },
  { requiredKeys: ['id', 'from', 'to'] },
);

/** A plausible definition with random nodes and edges over a small id pool. */
export const randomGraphDefinition: fc.Arbitrary<unknown> = fc.record(
  {
    key: fc.oneof(fc.constant('fuzz'), id),
    version: fc.oneof(fc.constant(1), fc.integer({ min: -2, max: 3 })),
    schemaVersion: fc.oneof({ weight: 6, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 3, 99, '2') }),
    title: fc.oneof(fc.constant('模糊流程'), anyText),
    roles: fc.constant(seedDefinition().roles),
    fields: fc.constant(seedDefinition().fields),
    params: fc.constant([]),
    nodes: fc.array(node, { minLength: 0, maxLength: 14 }),
    edges: fc.array(edge, { maxLength: 24 }),
  },
  { requiredKeys: ['key', 'version', 'schemaVersion', 'title', 'roles', 'fields', 'nodes', 'edges'] },
);

/**
 * Schema-valid definitions with a random topology: every node and edge is well-typed, so the
 * graph, routing and reference checks (not the zod schema) decide. Some come out valid.
 */
export const wellTypedGraph: fc.Arbitrary<unknown> = fc
  .record({
    kinds: fc.array(fc.constantFrom('task', 'timer', 'exclusive', 'parallelSplit', 'parallelJoin', 'service', 'end'), { minLength: 1, maxLength: 12 }),
    edges: fc.array(
      fc.record({
        from: fc.nat(),
        to: fc.nat(),
        cond: fc.constantFrom(undefined, 'data.amount > 100000', 'data.flag == true', 'data.missing == 1', '1 +'),
        outcome: fc.constantFrom(undefined, undefined, undefined, 'complete', 'passed'),
        dflt: fc.boolean(),
      }),
      { maxLength: 30 },
    ),
    chain: fc.boolean(),
    role: fc.constantFrom('VIL_COMM', 'VIL_COMM', 'NOPE'),
    deadline: fc.boolean(),
  })
  .map(({ kinds, edges, chain, role, deadline }) => {
    const nodes: NodeInput[] = [{ id: 'start', name: '开始', kind: 'start' }];
    kinds.forEach((k, i) => {
      const base = { id: `n${i}`, name: `节点${i}` };
      switch (k) {
        case 'task':
          nodes.push({ ...base, kind: 'task', assignment: { type: 'role', role }, ...(deadline ? { deadline: { duration: { amount: 3, unit: 'workingDays' } } } : {}) });
          break;
        case 'timer':
          nodes.push({ ...base, kind: 'timer', duration: { amount: 0, unit: 'minutes' } });
          break;
        case 'exclusive':
        case 'parallelSplit':
        case 'parallelJoin':
          nodes.push({ ...base, kind: 'gateway', gateway: k });
          break;
        case 'service':
          nodes.push({ ...base, kind: 'service', action: 'callout', params: { name: 'fuzz' } });
          break;
        case 'end':
          nodes.push({ ...base, kind: 'end', outcome: 'done' });
          break;
      }
    });
    if (!nodes.some((n) => n.kind === 'end')) nodes.push({ id: 'end', name: '结束', kind: 'end', outcome: 'done' });
    const list: EdgeInput[] = [];
    // Optionally a spine through every node, so more of the random graphs are connected.
    if (chain) for (let i = 0; i + 1 < nodes.length; i++) list.push({ id: `c${i}`, from: nodes[i]!.id, to: nodes[i + 1]!.id });
    edges.forEach((e, i) => {
      const from = nodes[e.from % nodes.length]!.id;
      const to = nodes[e.to % nodes.length]!.id;
      list.push({ id: `r${i}`, from, to, ...(e.cond ? { condition: e.cond } : {}), ...(e.outcome ? { outcome: e.outcome } : {}), ...(e.dflt ? { default: true } : {}) });
    });
    const def: DefinitionInput = { ...seedDefinition(), key: 'fuzz-graph', nodes, edges: list };
    return def;
  });

/** Any JSON value, plus values JSON cannot carry, nested up to a good depth. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
  fc.constantFrom(undefined, null, 0, '', [], {}, Number.NaN, Number.POSITIVE_INFINITY, 'null', '{"nodes":[]}'),
  // Deep nesting: a stack-hungry input for any recursive walk.
  fc.integer({ min: 100, max: 3000 }).map((depth) => {
    let v: unknown = { kind: 'start' };
    for (let i = 0; i < depth; i++) v = { nodes: [v] };
    return v;
  }),
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: unknown = structuredClone(root);
  let cur = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy;
}

const DELETE = Symbol('delete');

/** The seed with one to three values replaced (or deleted) anywhere in the tree. */
export const mutatedDefinition: fc.Arbitrary<unknown> = fc
  .array(fc.tuple(fc.nat(), fc.oneof(fc.constant<unknown>(DELETE), fc.jsonValue({ maxDepth: 2 }), anyText, id, expression, fc.integer({ min: -5, max: 5 }))), { minLength: 1, maxLength: 3 })
  .map((edits) => {
    let def: unknown = seedDefinition();
    for (const [pick, value] of edits) {
      const paths = pathsOf(def).filter((p) => p.length > 0);
      if (paths.length === 0) break;
      def = setAt(def, paths[pick % paths.length]!, value);
    }
    return def;
  });

// ───────────────────────── properties ─────────────────────────

export class FuzzFailure extends Error {}

function fail(message: string, result?: ValidationResult): never {
  throw new FuzzFailure(result ? `${message}\nresult: ${JSON.stringify(result.issues.slice(0, 5), null, 1)}` : message);
}

/** Graph soundness of a definition the validator called valid, checked from first principles. */
function checkSoundGraph(result: ValidationResult): void {
  const def = result.definition;
  if (!def) fail('valid without a parsed definition', result);
  const ids = new Set(def.nodes.map((n) => n.id));
  if (ids.size !== def.nodes.length) fail('valid with duplicate node ids', result);
  const starts = def.nodes.filter((n) => n.kind === 'start');
  if (starts.length !== 1) fail(`valid with ${starts.length} start nodes`, result);
  if (!def.nodes.some((n) => n.kind === 'end')) fail('valid without an end node', result);
  const out = new Map<string, string[]>();
  const inc = new Map<string, string[]>();
  for (const e of def.edges) {
    if (!ids.has(e.from) || !ids.has(e.to)) fail(`valid with dangling edge ${e.id}`, result);
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    inc.set(e.to, [...(inc.get(e.to) ?? []), e.from]);
  }
  const walk = (from: string[], next: Map<string, string[]>): Set<string> => {
    const seen = new Set(from);
    const stack = [...from];
    while (stack.length) for (const n of next.get(stack.pop()!) ?? []) if (!seen.has(n)) (seen.add(n), stack.push(n));
    return seen;
  };
  const reachable = walk([starts[0]!.id], out);
  const reachesEnd = walk(def.nodes.filter((n) => n.kind === 'end').map((n) => n.id), inc);
  for (const n of def.nodes) {
    if (!reachable.has(n.id)) fail(`valid with node ${n.id} unreachable from the start`, result);
    if (!reachesEnd.has(n.id)) fail(`valid with node ${n.id} that cannot reach an end`, result);
    if (n.kind === 'end' && out.has(n.id)) fail(`valid with an edge leaving end node ${n.id}`, result);
  }
}

/** Every property of one validation, for one input. Throws FuzzFailure on a violation. */
export function checkResult(input: unknown): ValidationResult {
  let result: ValidationResult;
  try {
    result = validateDefinition(input);
  } catch (err) {
    fail(`validateDefinition threw: ${err instanceof Error ? err.stack : String(err)}`);
  }
  if (typeof result.valid !== 'boolean' || !Array.isArray(result.issues)) fail('result is not {valid, issues}');
  const internal = result.issues.find((i) => i.code === 'VALIDATOR_FAILED');
  if (internal) fail(`validator crashed inside: ${internal.message}`, result);
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (result.valid !== (errors.length === 0)) fail('`valid` disagrees with the error issues', result);
  for (const issue of result.issues) {
    if (typeof issue.code !== 'string' || !issue.code) fail('issue without a code', result);
    if (typeof issue.message !== 'string' || !issue.message.trim()) fail(`issue ${issue.code} without a message`, result);
    if (!Array.isArray(issue.path) || issue.path.some((p) => typeof p !== 'string' && typeof p !== 'number')) fail(`issue ${issue.code} with a bad path`, result);
    if (issue.severity !== 'error' && issue.severity !== 'warning') fail(`issue ${issue.code} with severity ${String(issue.severity)}`, result);
  }
  try {
    JSON.stringify(result);
  } catch {
    fail('result is not JSON-serialisable (the API returns it as is)');
  }
  if (result.valid) {
    if (!DefinitionSchema.safeParse(result.definition).success) fail('valid, but the returned definition does not parse', result);
    checkSoundGraph(result);
  }
  return result;
}

// ───────────────────────── CLI ─────────────────────────

export interface FuzzSummary {
  generator: string;
  runs: number;
  valid: number;
  invalid: number;
  codes: Record<string, number>;
}

export function fuzzValidator(runs: number, seed: number): FuzzSummary[] {
  const generators: [string, fc.Arbitrary<unknown>][] = [
    ['garbage', garbage],
    ['random-graph', randomGraphDefinition],
    ['typed-graph', wellTypedGraph],
    ['mutated-seed', mutatedDefinition],
  ];
  return generators.map(([name, arb]) => {
    const summary: FuzzSummary = { generator: name, runs, valid: 0, invalid: 0, codes: {} };
    fc.assert(
      fc.property(arb, (input) => {
        const r = checkResult(input);
        if (r.valid) summary.valid++;
        else summary.invalid++;
        for (const i of r.issues) summary.codes[i.code] = (summary.codes[i.code] ?? 0) + 1;
      }),
      { numRuns: runs, seed },
    );
    return summary;
  });
}

/** `--name N` from the command line of a fuzzer, else `dflt`. */
export function numberOption(args: readonly string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: number) => numberOption(args, name, dflt);
  const runs = opt('runs', process.env.CI ? 500 : 5000);
  const seed = opt('seed', Date.now() % 2 ** 31);
  console.log(`definition fuzzer: ${runs} runs per generator, seed ${seed}`);
  const t0 = performance.now();
  const results = fuzzValidator(runs, seed);
  for (const r of results) {
    const top = Object.entries(r.codes)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([c, n]) => `${c}×${n}`)
      .join(' ');
    console.log(`  ${r.generator.padEnd(13)} runs ${r.runs}  valid ${r.valid}  invalid ${r.invalid}  top issues: ${top}`);
  }
  console.log(`ok: validateDefinition held every property (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
