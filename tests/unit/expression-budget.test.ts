/**
 * The cost limits of CEL (issue 14): the same code runs in the designer's validation worker, the
 * API, the CLI and the workflow sandbox. At validation an expression is held to its shape; at
 * evaluation to a step budget that counts what cel-js evaluates, so a comprehension bomb stops in
 * milliseconds instead of holding a worker thread for minutes. If an upgrade of cel-js stops
 * routing evaluation through the hook the budget uses, the first tests here fail.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateCondition,
  evaluateExpression,
  EXPRESSION_LIMITS,
  ExpressionBudgetError,
  expressionComplexityProblem,
  withoutExpressionBudget,
} from '../../dsl/expressions.js';
import { nestedAll, nestedMap } from '../security/fixtures/runaway.js';

const timed = <T>(fn: () => T): { value?: T; error?: unknown; ms: number } => {
  const t0 = performance.now();
  try {
    return { value: fn(), ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
};

describe('evaluation step budget', () => {
  it(`nine nested [0..9].all (10^9 steps) stops with ExpressionBudgetError after ${EXPRESSION_LIMITS.maxSteps.toLocaleString('en-US')} steps, well under a second`, () => {
    const r = timed(() => evaluateExpression(nestedAll(9), {}));
    expect(r.error).toBeInstanceOf(ExpressionBudgetError);
    expect((r.error as Error).message).toMatch(/表达式计算量超过上限/);
    expect(r.ms).toBeLessThan(1000);
  });

  it('a condition out of steps is not "false": it throws, for the interpreter to stop the case', () => {
    expect(() => evaluateCondition(nestedAll(9), {})).toThrow(ExpressionBudgetError);
    // An ordinary runtime error still counts as false, with the reason.
    expect(evaluateCondition('data.x > 1', { data: { x: null } })).toMatchObject({ value: false, error: expect.stringMatching(/表达式求值失败/) });
  });

  it('errors cel-js absorbs inside || still count: the budget holds', () => {
    expect(() => evaluateExpression(`${nestedAll(9)} || true`, {})).toThrow(ExpressionBudgetError);
  });

  it('what an expression builds counts by its size: a string doubled 40 times stops early, without exhausting memory', () => {
    let e = '"0123456789"';
    for (let i = 0; i < 40; i++) e = `cel.bind(s${i}, ${e}, s${i} + s${i})`;
    const r = timed(() => evaluateExpression(`size(${e})`, {}));
    expect(r.error).toBeInstanceOf(ExpressionBudgetError);
    expect(r.ms).toBeLessThan(1000);
  });

  it('a depth-8 map (10^8 elements) stops the same way', () => {
    expect(() => evaluateExpression(nestedMap(8, '1'), {})).toThrow(ExpressionBudgetError);
  });

  it('ordinary expressions, and 1,000 steps of two nested comprehensions, evaluate as before', () => {
    expect(evaluateExpression('data.amount * 2.0', { data: { amount: 3 } })).toBe(6);
    expect(evaluateExpression(nestedAll(2, 'v0 + v1 >= 0'), {})).toBe(true);
    expect(evaluateExpression('data.list.map(x, x * 2)', { data: { list: Array.from({ length: 1000 }, (_, i) => BigInt(i)) } })).toHaveLength(1000);
  });

  it('withoutExpressionBudget (replay of a case recorded before the budget) evaluates past it', () => {
    const expr = nestedAll(6, 'v0 >= 0'); // 10^6 steps: over the budget, still quick without it
    expect(() => evaluateExpression(expr, {})).toThrow(ExpressionBudgetError);
    expect(withoutExpressionBudget(() => evaluateExpression(expr, {}))).toBe(true);
    // The budget is back afterwards.
    expect(() => evaluateExpression(expr, {})).toThrow(ExpressionBudgetError);
  });
});

describe('matches() on RE2', () => {
  it('a catastrophic-backtracking pattern answers in milliseconds (JavaScript RegExp took seconds)', () => {
    const r = timed(() => evaluateExpression('"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("^(a+)+$")', {}));
    expect(r.value).toBe(false);
    expect(r.ms).toBeLessThan(500);
  });

  it('matches is a partial match, as in the CEL spec; an invalid pattern is an evaluation error', () => {
    expect(evaluateExpression('"径山村-2026".matches("[0-9]{4}")', {})).toBe(true);
    expect(evaluateExpression('data.phone.matches("^1[0-9]{10}$")', { data: { phone: '13800000000' } })).toBe(true);
    expect(evaluateCondition('"x".matches("(")', {})).toMatchObject({ value: false, error: expect.stringMatching(/正则表达式/) });
  });
});

describe('shape limits at validation', () => {
  it('two nested comprehensions are allowed, three are not', () => {
    expect(expressionComplexityProblem(nestedAll(2))).toBeUndefined();
    expect(expressionComplexityProblem(nestedAll(3))).toMatch(/嵌套了 3 层/);
  });

  it(`more than ${EXPRESSION_LIMITS.maxAstNodes} syntax nodes, or nesting deeper than ${EXPRESSION_LIMITS.maxDepth}, is too complex (cel-js's own parse limits)`, () => {
    const wide = Array.from({ length: 120 }, (_, i) => `data.amount == ${i}`).join(' || ');
    expect(expressionComplexityProblem(wide)).toMatch(/语法节点超过 200 个/);
    const deep = `${'('.repeat(30)}1${')'.repeat(30)} == 1`;
    expect(expressionComplexityProblem(deep)).toMatch(/嵌套超过 24 层/);
    // The built-in procedures' largest condition is far inside.
    expect(expressionComplexityProblem('data.abnormal_visit == true || data.emotional_state == "impulsive" || data.person_count >= params.large_group_threshold || (data.person_count >= 2 && data.emotional_state != "stable")')).toBeUndefined();
  });
});
