import { describe, expect, it } from 'vitest';
import { evaluateCondition, expressionContext, expressionRefs, expressionSyntaxError } from '../../dsl/expressions.js';

describe('CEL conditions on case data', () => {
  const ctx = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    expressionContext(['petitioners', 'emotion', 'amount'], data, extra);

  it.each([
    ['data.petitioners >= 5', { petitioners: 5 }, true],
    ['data.petitioners >= 5', { petitioners: 4 }, false],
    ['data.emotion == "冲动" || data.petitioners >= params.groupThreshold', { emotion: '稳定', petitioners: 6 }, true],
    ['data.amount > 100000.0', { amount: 250000 }, true],
  ])('%s with %j → %s', (expr, data, expected) => {
    expect(evaluateCondition(expr, ctx(data, { params: { groupThreshold: 5 } })).value).toBe(expected);
  });

  it('a field not yet filled makes the condition false instead of stopping the case', () => {
    const r = evaluateCondition('data.petitioners >= 5', ctx({}));
    expect(r.value).toBe(false);
    expect(r.error).toMatch(/表达式求值失败/);
  });

  it('a syntax error is reported in Chinese', () => {
    expect(expressionSyntaxError('data.amount >')).toMatch(/表达式语法错误/);
    expect(expressionSyntaxError('data.amount > 1')).toBeUndefined();
  });

  it('lists the data fields and parameters an expression reads', () => {
    const refs = expressionRefs('data.a > 1 && params.b == "x" && has(data.c)');
    expect([...refs.dataFields].sort()).toEqual(['a', 'c']);
    expect([...refs.params]).toEqual(['b']);
  });

  it('cannot reach JavaScript globals (no eval)', () => {
    expect(evaluateCondition('process.exit(1)', ctx({})).value).toBe(false);
    expect(evaluateCondition('constructor.constructor("return 1")()', ctx({})).value).toBe(false);
  });
});
