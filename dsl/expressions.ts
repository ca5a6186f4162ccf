/**
 * Conditions and assignment expressions in CEL (Common Expression Language) through
 * `@marcbachmann/cel-js`: a parser and tree-walking evaluator, non-Turing-complete, no `eval`,
 * no I/O — safe inside the Temporal workflow sandbox and deterministic on replay.
 *
 * Variables available to an expression:
 *   data.<field>     case data (every defined field is present, `null` when not yet filled)
 *   params.<param>   definition parameters after overrides
 *   outcome          outcome of the node the edge leaves (task action, vote result …)
 *
 * Cost (issue 14): CEL has no loops, but comprehensions nest — nine nested `[0..9].all(v, …)`
 * are 10⁹ steps, enough to hold a worker's workflow thread until the SDK's deadlock timeout kills
 * the whole Node process. So an expression is bounded twice:
 *   - at validation (designer, API, CLI) by its shape: cel-js's own parse limits on AST nodes and
 *     depth, and our limit on nested comprehensions (`expressionComplexityProblem`);
 *   - at evaluation by a step budget: every sub-expression cel-js evaluates costs one step, and a
 *     string or list it builds costs its length, so neither time nor memory can run away. Steps are
 *     counted, never timed, so the result is the same on every replay.
 * `string.matches` runs on RE2 (`re2js`, linear time, the dialect the CEL spec names) instead of
 * JavaScript's backtracking RegExp, where `"aaa…!".matches("^(a+)+$")` takes seconds.
 */
import { Environment } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';

export const EXPRESSION_ROOTS = ['data', 'params', 'outcome', 'initiator'] as const;

/** The limits, shared by the designer (browser), the API, the CLI and the worker. */
export const EXPRESSION_LIMITS = {
  /** Validation: syntax nodes of one expression (the built-in procedures use at most 25). */
  maxAstNodes: 200,
  /** Validation: nesting depth as cel-js's parser counts it (built-ins: at most 6). */
  maxDepth: 24,
  /** Validation: comprehensions (all/exists/map/filter/…) inside one another (built-ins: 1). */
  maxComprehensionNesting: 2,
  /** Run time: evaluation steps of one evaluation (~10 ms of work). */
  maxSteps: 100_000,
} as const;

type Ast = { op: string; args: unknown };
type Compiled = ((ctx: Record<string, unknown>) => unknown) & { ast: Ast };
/** cel-js's evaluator as its AST nodes call it back (not exported by the library). */
type CelEvaluator = { run(ast: unknown, ctx: unknown): unknown };

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter', 'transformList', 'transformMap']);

export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** The evaluation ran out of its step budget: a fault of the definition, never of the data. */
export class ExpressionBudgetError extends ExpressionError {
  constructor(
    expression: string,
    readonly maxSteps: number,
  ) {
    super(expression, `表达式计算量超过上限（${maxSteps.toLocaleString('en-US')} 步）：请简化表达式「${expression.length > 80 ? `${expression.slice(0, 80)}…` : expression}」`);
    this.name = 'ExpressionBudgetError';
  }
}

// ───────────────────────── the step budget ─────────────────────────

/** Steps left in the evaluation in progress (Infinity outside one). */
let stepsLeft = Number.POSITIVE_INFINITY;
let exceeded = false;
/** Set by `withoutExpressionBudget` (replay of a case recorded before the budget existed). */
let unbudgeted = false;

const OUT_OF_STEPS = new Error('expression step budget exhausted');

function sizeOf(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  return 0;
}

/**
 * Every sub-expression cel-js evaluates goes through its evaluator's `run` (operators, calls and
 * each comprehension step call `ev.run(child, ctx)`): counting there bounds the whole evaluation.
 * The evaluator is reached through the root node of a probe expression, which cel-js calls as
 * `ast.evaluate(evaluator, ast, ctx)`. tests/unit/expression-budget.test.ts fails if an upgrade of
 * cel-js stops routing evaluation this way.
 */
function installStepCounter(env: Environment): void {
  const probe = env.parse('true') as unknown as Compiled;
  let evaluator: CelEvaluator | undefined;
  (probe.ast as unknown as { evaluate: (ev: CelEvaluator) => boolean }).evaluate = (ev) => {
    evaluator = ev;
    return true;
  };
  probe({});
  if (!evaluator) throw new Error('cel-js: could not reach the evaluator to install the step budget');
  const run = evaluator.run.bind(evaluator);
  evaluator.run = (ast, ctx) => {
    if (--stepsLeft < 0) {
      exceeded = true;
      throw OUT_OF_STEPS;
    }
    const value = run(ast, ctx);
    // What an operator or a function builds (a concatenated string, a split, a map's result)
    // costs its size; comprehension accumulators (accuPush) grow in place and are counted per step.
    const op = (ast as Ast).op;
    if (op === '+' || op === 'call' || op === 'rcall' || op === 'list') {
      stepsLeft -= sizeOf(value);
      if (stepsLeft < 0) {
        exceeded = true;
        throw OUT_OF_STEPS;
      }
    }
    return value;
  };
}

/** `s.matches(re)` on RE2 (linear time) instead of cel-js's JavaScript RegExp. */
function matchesOnRe2(ev: CelEvaluator, receiver: unknown, pattern: unknown, ctx: unknown): boolean {
  const s = ev.run(receiver, ctx);
  const p = ev.run(pattern, ctx);
  if (typeof s !== 'string' || typeof p !== 'string') throw new Error('matches() 需要字符串参数');
  let re: RE2JS;
  try {
    re = RE2JS.compile(p);
  } catch {
    throw new Error(`无效的正则表达式：${p}`);
  }
  return re.matcher(s).find();
}

function useRe2ForMatches(ast: unknown): void {
  if (Array.isArray(ast)) return ast.forEach(useRe2ForMatches);
  if (!ast || typeof ast !== 'object' || !('op' in ast)) return;
  const n = ast as Ast & { evaluate?: unknown };
  if (n.op === 'rcall' && Array.isArray(n.args)) {
    const [name, receiver, callArgs] = n.args as [unknown, unknown, unknown];
    if (name === 'matches' && Array.isArray(callArgs) && callArgs.length === 1) {
      const pattern: unknown = callArgs[0];
      // An own property wins over cel-js's prototype `evaluate`, for the root node too.
      n.evaluate = (ev: CelEvaluator, _ast: unknown, ctx: unknown) => matchesOnRe2(ev, receiver, pattern, ctx);
    }
  }
  useRe2ForMatches(n.args);
}

/** Evaluation: cel-js's default limits (a definition published before the validation limits still runs). */
const runtimeEnv = new Environment({ unlistedVariablesAreDyn: true });
installStepCounter(runtimeEnv);
/** Validation: the same language with the tighter shape limits. */
const validationEnv = new Environment({
  unlistedVariablesAreDyn: true,
  limits: { maxAstNodes: EXPRESSION_LIMITS.maxAstNodes, maxDepth: EXPRESSION_LIMITS.maxDepth },
});

const cache = new Map<string, Compiled>();

function syntaxMessage(err: unknown): string {
  const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return `表达式语法错误：${detail}`;
}

/** Parse (cached). Throws ExpressionError with a zh-CN message on a syntax error. */
export function compileExpression(expression: string): Compiled {
  const hit = cache.get(expression);
  if (hit) return hit;
  let compiled: Compiled;
  try {
    compiled = runtimeEnv.parse(expression) as unknown as Compiled;
  } catch (err) {
    throw new ExpressionError(expression, syntaxMessage(err));
  }
  useRe2ForMatches(compiled.ast);
  if (cache.size > 5000) cache.clear();
  cache.set(expression, compiled);
  return compiled;
}

/** Syntax check: undefined when fine, else a zh-CN message. */
export function expressionSyntaxError(expression: string): string | undefined {
  try {
    compileExpression(expression);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** How deeply comprehensions nest in a parsed expression (0: none). */
export function comprehensionNesting(ast: unknown): number {
  if (Array.isArray(ast)) return ast.reduce((m: number, a) => Math.max(m, comprehensionNesting(a)), 0);
  if (!ast || typeof ast !== 'object' || !('op' in ast)) return 0;
  const n = ast as Ast;
  const inner = comprehensionNesting(n.args);
  if (n.op === 'rcall' && Array.isArray(n.args) && COMPREHENSIONS.has(n.args[0] as string)) return inner + 1;
  return inner;
}

/**
 * Shape limits (validation only): undefined when within them, else a zh-CN message. Assumes the
 * expression parses (check `expressionSyntaxError` first).
 */
export function expressionComplexityProblem(expression: string): string | undefined {
  try {
    validationEnv.parse(expression);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const summary = String((err as { summary?: string }).summary ?? '');
    if (code === 'limit_exceeded' && summary.includes('maxAstNodes')) return `语法节点超过 ${EXPRESSION_LIMITS.maxAstNodes} 个`;
    if (code === 'limit_exceeded' && summary.includes('maxDepth')) return `嵌套超过 ${EXPRESSION_LIMITS.maxDepth} 层`;
    if (code === 'limit_exceeded') return `超出表达式的规模限制（${summary}）`;
    return undefined;
  }
  const nesting = comprehensionNesting(compileExpression(expression).ast);
  if (nesting > EXPRESSION_LIMITS.maxComprehensionNesting) {
    return `all/exists/map/filter 嵌套了 ${nesting} 层（最多 ${EXPRESSION_LIMITS.maxComprehensionNesting} 层），每多一层计算量成倍增加`;
  }
  return undefined;
}

export interface ExpressionRefs {
  /** Top-level variables used (data, params, outcome …). */
  roots: Set<string>;
  /** `data.X` field keys read. */
  dataFields: Set<string>;
  /** `params.X` keys read. */
  params: Set<string>;
}

/** The variables and fields an expression reads (for the validator's unknown-field check). */
export function expressionRefs(expression: string): ExpressionRefs {
  const refs: ExpressionRefs = { roots: new Set(), dataFields: new Set(), params: new Set() };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Ast;
    if (n.op === 'id' && typeof n.args === 'string') {
      refs.roots.add(n.args);
      return;
    }
    if ((n.op === '.' || n.op === '?.') && Array.isArray(n.args)) {
      const [target, key] = n.args as [Ast, unknown];
      if (target?.op === 'id' && typeof key === 'string') {
        if (target.args === 'data') refs.dataFields.add(key);
        if (target.args === 'params') refs.params.add(key);
      }
    }
    walk(n.args);
  };
  walk(compileExpression(expression).ast);
  return refs;
}

function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(normalise);
  return value;
}

/**
 * Evaluate within the step budget; BigInt results become numbers. Throws ExpressionBudgetError
 * when the budget runs out, ExpressionError on any other runtime error.
 */
export function evaluateExpression(expression: string, ctx: Record<string, unknown>, opts: { maxSteps?: number } = {}): unknown {
  const fn = compileExpression(expression);
  const maxSteps = unbudgeted ? Number.POSITIVE_INFINITY : (opts.maxSteps ?? EXPRESSION_LIMITS.maxSteps);
  const outer = { stepsLeft, exceeded };
  stepsLeft = maxSteps;
  exceeded = false;
  let value: unknown;
  let failure: unknown;
  try {
    value = fn(ctx);
  } catch (err) {
    failure = err;
  } finally {
    // cel-js absorbs errors inside `||`, `&&` and quantifiers: an exhausted budget counts even then.
    const ranOut = exceeded;
    stepsLeft = outer.stepsLeft;
    exceeded = outer.exceeded;
    if (ranOut) failure = new ExpressionBudgetError(expression, maxSteps);
  }
  if (failure instanceof ExpressionBudgetError) throw failure;
  if (failure !== undefined) {
    const detail = failure instanceof Error ? failure.message.split('\n')[0] : String(failure);
    throw new ExpressionError(expression, `表达式求值失败：${detail}`);
  }
  return normalise(value);
}

/**
 * Run `fn` (synchronous) with no step budget: the interpreter's path for a case recorded before
 * the budget existed, which must decide on replay exactly as it did then.
 */
export function withoutExpressionBudget<T>(fn: () => T): T {
  const was = unbudgeted;
  unbudgeted = true;
  try {
    return fn();
  } finally {
    unbudgeted = was;
  }
}

/**
 * A routing condition: true only when the expression evaluates to boolean true. A runtime error
 * (a field not yet filled compared with a number, say) counts as false and is reported, so a
 * case never stalls on a half-filled form. An exhausted budget is not a value: it is thrown
 * (ExpressionBudgetError) for the interpreter to stop the case with an incident.
 */
export function evaluateCondition(
  expression: string,
  ctx: Record<string, unknown>,
): { value: boolean; error?: string } {
  try {
    return { value: evaluateExpression(expression, ctx) === true };
  } catch (err) {
    if (err instanceof ExpressionBudgetError) throw err;
    return { value: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Context with every defined field present (null when unset), so `data.x == "a"` is false, not an error. */
export function expressionContext(
  fieldKeys: readonly string[],
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const full: Record<string, unknown> = {};
  for (const k of fieldKeys) full[k] = null;
  for (const [k, v] of Object.entries(data)) full[k] = v === undefined ? null : v;
  return { data: full, params: {}, outcome: null, initiator: null, ...extra };
}
