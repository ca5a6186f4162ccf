/**
 * Conditions and assignment expressions in CEL (Common Expression Language) through
 * `@marcbachmann/cel-js`: a parser and tree-walking evaluator, non-Turing-complete, no `eval`,
 * no I/O — safe inside the Temporal workflow sandbox and deterministic on replay.
 *
 * Variables available to an expression:
 *   data.<field>     case data (every defined field is present, `null` when not yet filled)
 *   params.<param>   definition parameters after overrides
 *   outcome          outcome of the node the edge leaves (task action, vote result …)
 */
import { parse } from '@marcbachmann/cel-js';

export const EXPRESSION_ROOTS = ['data', 'params', 'outcome', 'initiator'] as const;

type Ast = { op: string; args: unknown };
type Compiled = ((ctx: Record<string, unknown>) => unknown) & { ast: Ast };

const cache = new Map<string, Compiled>();

export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** Parse (cached). Throws ExpressionError with a zh-CN message on a syntax error. */
export function compileExpression(expression: string): Compiled {
  const hit = cache.get(expression);
  if (hit) return hit;
  let compiled: Compiled;
  try {
    compiled = parse(expression) as unknown as Compiled;
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ExpressionError(expression, `表达式语法错误：${detail}`);
  }
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

/** Evaluate; BigInt results become numbers. Throws ExpressionError on a runtime error. */
export function evaluateExpression(expression: string, ctx: Record<string, unknown>): unknown {
  const fn = compileExpression(expression);
  try {
    return normalise(fn(ctx));
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ExpressionError(expression, `表达式求值失败：${detail}`);
  }
}

/**
 * A routing condition: true only when the expression evaluates to boolean true. A runtime error
 * (a field not yet filled compared with a number, say) counts as false and is reported, so a
 * case never stalls on a half-filled form.
 */
export function evaluateCondition(
  expression: string,
  ctx: Record<string, unknown>,
): { value: boolean; error?: string } {
  try {
    return { value: evaluateExpression(expression, ctx) === true };
  } catch (err) {
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
