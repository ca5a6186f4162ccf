/**
 * Clock anchors and statutory bounds in the DSL (issue 17): where a deadline counts from, whether
 * that event has always happened before the node, and periods that may be shortened but never
 * lengthened (a [STAT] ceiling) — including per-case parameter overrides.
 */
import { describe, expect, it } from 'vitest';
import { anchorLabel, exceedsBound, fallsShortOf, instantOfDateValue, resolveAnchor } from '../../dsl/clock.js';
import { checkCaseParams } from '../../dsl/case-params.js';
import { Precedence } from '../../dsl/precedence.js';
import { parseDefinition, type Definition, type DefinitionInput, type DurationUnit } from '../../dsl/schema.js';
import { validateDefinition } from '../../dsl/validate.js';
import { loadBuiltinProcedure } from '../../procedures/index.js';

const task = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  kind: 'task' as const,
  assignment: { type: 'role' as const, role: 'CLERK' },
  deadline: { duration: { amount: 5, unit: 'calendarDays' as const }, escalateToRole: 'SUP' },
  ...extra,
});
const gw = (id: string, gateway: 'exclusive' | 'parallelSplit' | 'parallelJoin', pairedWith?: string) => ({ id, name: id, kind: 'gateway' as const, gateway, ...(pairedWith ? { pairedWith } : {}) });
const edges = (pairs: [string, string, Record<string, unknown>?][]) => pairs.map(([from, to, more], i) => ({ id: `e${i}`, from, to, ...(more ?? {}) }));

function def(nodes: DefinitionInput['nodes'], es: DefinitionInput['edges'], more: Partial<DefinitionInput> = {}): Definition {
  return parseDefinition({
    key: 'clock',
    version: 1,
    schemaVersion: 2,
    title: '时限起算',
    roles: [
      { key: 'CLERK', name: '经办人' },
      { key: 'SUP', name: '督办人' },
    ],
    fields: [{ key: 'served_on', label: '送达日期', type: 'date' }],
    nodes: [{ id: 'start', name: '开始', kind: 'start' }, ...nodes, { id: 'end', name: '办结', kind: 'end', outcome: 'done' }],
    edges: es,
    ...more,
  });
}

/** 登记 → (接待 ∥ 受理审查) → 是否受理 → 办理: 受理审查 precedes 办理 through the join. */
const intake = def(
  [task('register', '登记'), gw('split', 'parallelSplit'), task('reception', '接待'), gw('route', 'exclusive'), task('leader', '领导接待'), task('accept', '受理审查'), gw('join', 'parallelJoin', 'split'), task('handle', '办理')],
  edges([
    ['start', 'register'],
    ['register', 'split'],
    ['split', 'route'],
    ['split', 'accept'],
    ['route', 'reception', { default: true }],
    ['route', 'leader', { condition: 'data.served_on == "x"' }],
    ['reception', 'join'],
    ['leader', 'join'],
    ['accept', 'join'],
    ['join', 'handle'],
    ['handle', 'end'],
  ]),
);

describe('Precedence: an anchor must have happened on every path to the node', () => {
  const p = new Precedence(intake, 'start');
  it.each([
    ['register', 'handle', true, 'a dominator'],
    ['accept', 'handle', true, 'the only node of a parallel branch the join waits for'],
    ['reception', 'handle', false, 'one of two alternative nodes of a branch'],
    ['leader', 'handle', false, 'the other alternative'],
    ['handle', 'accept', false, 'a later node'],
    ['accept', 'reception', false, 'a sibling branch: no order'],
    ['handle', 'handle', false, 'the node itself'],
  ])('%s before %s: %s (%s)', (a, b, expected) => {
    expect(p.precedes(a, b)).toBe(expected);
  });

  it('信访: 受理审查 precedes 承办单位办理 and 延期办理 in the built-in procedure (through the 接待/受理 join)', () => {
    const xf = loadBuiltinProcedure('xinfang');
    const px = new Precedence(xf, 'start');
    expect(px.precedes('accept_decision', 'handle')).toBe(true);
    expect(px.precedes('handle', 'handle_extended')).toBe(true);
    expect(px.precedes('office_reception', 'handle')).toBe(false);
  });
});

describe('validator: anchors', () => {
  const withHandle = (deadline: Record<string, unknown>) =>
    def(
      [task('accept', '受理审查'), task('handle', '办理', { deadline: { duration: { amount: 60, unit: 'calendarDays' }, escalateToRole: 'SUP', ...deadline } })],
      edges([
        ['start', 'accept'],
        ['accept', 'handle'],
        ['handle', 'end'],
      ]),
    );
  const codes = (d: Definition) => validateDefinition(d).issues.map((i) => i.code);

  it('an anchor on the completion of an earlier node, the case start or the node itself (opening) is fine', () => {
    expect(codes(withHandle({ anchor: { kind: 'nodeCompleted', nodeId: 'accept' } }))).toEqual([]);
    expect(codes(withHandle({ anchor: { kind: 'caseStarted' } }))).toEqual([]);
    expect(codes(withHandle({ anchor: { kind: 'nodeOpened', nodeId: 'handle' } }))).toEqual([]);
  });

  it('its own completion, a later node or a cap anchored on a missing node are errors', () => {
    expect(codes(withHandle({ anchor: { kind: 'nodeCompleted', nodeId: 'handle' } }))).toEqual(['ANCHOR_NOT_BEFORE']);
    expect(codes(withHandle({ cap: { anchor: { kind: 'nodeCompleted', nodeId: 'nope' }, duration: { amount: 90, unit: 'calendarDays' } } }))).toEqual(['ANCHOR_UNKNOWN_NODE']);
  });

  it('a field anchor required by an earlier node raises nothing; the issue path points at the field', () => {
    const d = def(
      [
        task('serve', '送达登记', { form: ['served_on'], requiredFields: ['served_on'] }),
        task('window', '复查申请期', { deadline: { duration: { amount: 30, unit: 'calendarDays' }, anchor: { kind: 'field', field: 'served_on' }, escalateToRole: 'SUP' } }),
      ],
      edges([
        ['start', 'serve'],
        ['serve', 'window'],
        ['window', 'end'],
      ]),
    );
    expect(validateDefinition(d).issues).toEqual([]);
  });
});

describe('statutory bounds: shortened yes, lengthened no (受理审查 15 日)', () => {
  it.each([
    [15, 'calendarDays', false, 'the statute itself'],
    [10, 'calendarDays', false, 'shorter'],
    [16, 'calendarDays', true, 'one day longer'],
    [15, 'workingDays', true, '15 working days are longer than 15 calendar days'],
    [360, 'hours', false, '360 hours = 15 days'],
    [1, 'months', true, 'a month may have 31 days'],
  ] as [number, DurationUnit, boolean, string][])('%i %s against max 15 calendarDays → exceeds=%s (%s)', (amount, unit, expected) => {
    expect(exceedsBound(amount, unit, { amount: 15, unit: 'calendarDays' })).toBe(expected);
  });

  it('3 months against a 3-month ceiling is fine, 4 is not; 90 calendar days against 3 months may be longer', () => {
    expect(exceedsBound(3, 'months', { amount: 3, unit: 'months' })).toBe(false);
    expect(exceedsBound(4, 'months', { amount: 3, unit: 'months' })).toBe(true);
    expect(exceedsBound(90, 'calendarDays', { amount: 3, unit: 'months' })).toBe(true);
  });

  it('a request window below its floor (复查 30 日) is shorter; the same 30 days is not', () => {
    expect(fallsShortOf(29, 'calendarDays', { amount: 30, unit: 'calendarDays' })).toBe(true);
    expect(fallsShortOf(30, 'calendarDays', { amount: 30, unit: 'calendarDays' })).toBe(false);
  });

  it('信访 受理审查 (built-in): editing it to 20 days, or 0, no longer validates — and 10 days does', () => {
    const xf = loadBuiltinProcedure('xinfang');
    const edited = (amount: number) => {
      const copy = structuredClone(xf);
      const n = copy.nodes.find((x) => x.id === 'accept_decision')!;
      if (n.kind === 'task' && n.deadline) n.deadline.duration.amount = amount;
      return validateDefinition(copy);
    };
    expect(edited(20).issues.map((i) => [i.code, i.nodeId])).toEqual([['DEADLINE_ABOVE_CEILING', 'accept_decision']]);
    expect(edited(20).issues[0]!.message).toMatch(/超过法定上限 15日/);
    expect(edited(0).issues.map((i) => i.code)).toEqual(['DEADLINE_NOT_POSITIVE']);
    expect(edited(10).valid).toBe(true);
  });

  it('a per-case parameter cannot lengthen a statutory period either (case params are held to the ceiling)', () => {
    const d = def(
      [task('handle', '办理', { deadline: { duration: { amount: 15, unit: 'calendarDays', param: 'days' }, max: { amount: 15, unit: 'calendarDays' }, escalateToRole: 'SUP' } })],
      edges([
        ['start', 'handle'],
        ['handle', 'end'],
      ]),
      { params: [{ key: 'days', label: '办理时限（日）', type: 'number', default: 15, provenance: 'STAT' }] },
    );
    expect(validateDefinition(d).valid).toBe(true);
    expect(checkCaseParams(d, { days: 12 })).toEqual([]);
    const issues = checkCaseParams(d, { days: 20 });
    expect(issues.map((i) => [i.code, i.field])).toEqual([['DEADLINE_ABOVE_CEILING', 'days']]);
    expect(issues[0]!.message).toMatch(/^本案参数不合法/);
  });
});

describe('resolving an anchor at run time', () => {
  const ctx = { taskOpenedAt: '2027-03-10T02:00:00.000Z', caseStartedAt: '2027-03-01T01:00:00.000Z', events: { 'completed:accept': '2027-03-05T08:00:00.000Z' }, data: { served_on: '2027-03-08' } };
  it('gives the instant of the named event; a date field counts from 00:00 Asia/Shanghai of that day', () => {
    expect(resolveAnchor(undefined, ctx)).toEqual({ from: ctx.taskOpenedAt });
    expect(resolveAnchor({ kind: 'caseStarted' }, ctx)).toEqual({ from: ctx.caseStartedAt });
    expect(resolveAnchor({ kind: 'nodeCompleted', nodeId: 'accept' }, ctx)).toEqual({ from: '2027-03-05T08:00:00.000Z' });
    expect(resolveAnchor({ kind: 'field', field: 'served_on' }, ctx)).toEqual({ from: '2027-03-07T16:00:00.000Z' });
  });

  it('says what is missing when the event has not happened or the field is empty', () => {
    expect(resolveAnchor({ kind: 'nodeOpened', nodeId: 'accept' }, ctx, intake)).toEqual({ missing: '「受理审查」开始' });
    expect(resolveAnchor({ kind: 'field', field: 'served_on' }, { ...ctx, data: {} }, intake)).toEqual({ missing: '「送达日期」所填日期' });
    expect(anchorLabel({ kind: 'nodeCompleted', nodeId: 'accept' }, intake)).toBe('「受理审查」办结');
  });

  it('rejects impossible dates', () => {
    expect(instantOfDateValue('2027-02-30')).toBeUndefined();
    expect(instantOfDateValue('明天')).toBeUndefined();
    expect(instantOfDateValue('2027-02-28T10:00:00+08:00')).toBe('2027-02-28T02:00:00.000Z');
  });
});
