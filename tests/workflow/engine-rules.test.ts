/**
 * Pure rules of the interpreter, table-driven: countersign decisions (会签/或签/依次/票签),
 * the health light, edge routing, form checks and supervisor permissions.
 */
import { describe, expect, it } from 'vitest';
import type { TaskAction } from '../../dsl/schema.js';
import { countersignDecision, currentSequentialSigner } from '../../workflows/engine/countersign.js';
import { formProblem, missingRequired } from '../../workflows/engine/form.js';
import { computeHealth } from '../../workflows/engine/health.js';
import { isSupervisor, orgChain } from '../../workflows/engine/permissions.js';
import { resolveParams, ruleWithParams, durationWithParams } from '../../workflows/engine/params.js';
import { chooseEdge, joinOf } from '../../workflows/engine/routing.js';
import type { TaskRecord } from '../../workflows/types.js';
import { approval, parallel } from './fixtures/definitions.js';
import { ORG } from '../../testkit/case-harness.js';

const actions: TaskAction[] = [
  { name: 'agree', label: '同意', approve: true, requireComment: false },
  { name: 'disagree', label: '不同意', approve: false, requireComment: false },
];
const s = (...xs: (string | undefined)[]) => xs.map((action, i) => ({ userId: `u${i}`, action }));

describe('countersign decisions', () => {
  it.each([
    ['会签 all: 2 of 3 agreed — still waiting', { mode: 'all' as const }, s('agree', 'agree', undefined), undefined],
    ['会签 all: all 3 agreed — agree', { mode: 'all' as const }, s('agree', 'agree', 'agree'), 'agree'],
    ['会签 all: one disagreement decides at once', { mode: 'all' as const }, s(undefined, 'disagree', undefined), 'disagree'],
    ['或签 any: the first signer decides', { mode: 'any' as const }, s(undefined, undefined, 'disagree'), 'disagree'],
    ['依次 sequential: all agreed in turn — agree', { mode: 'sequential' as const }, s('agree', 'agree'), 'agree'],
    ['票签 ratio ⅔: 2 of 3 agree reaches ⅔ (≥)', { mode: 'ratio' as const, ratio: 2 / 3 }, s('agree', 'agree', undefined), 'agree'],
    ['票签 ratio 0.6: 1 agree, 1 disagree of 3 — undecided', { mode: 'ratio' as const, ratio: 0.6 }, s('agree', 'disagree', undefined), undefined],
    ['票签 ratio 0.6: 2 disagree of 3 — can no longer pass', { mode: 'ratio' as const, ratio: 0.6 }, s('disagree', 'disagree', undefined), 'disagree'],
  ])('%s', (_name, cs, signers, expected) => {
    const d = countersignDecision(cs, actions, signers);
    expect(d.decided ? d.action : undefined).toBe(expected);
  });

  it('依次: the turn belongs to the first signer who has not signed', () => {
    expect(currentSequentialSigner(s('agree', undefined, undefined))).toBe('u1');
  });
});

const task = (over: Partial<TaskRecord>): TaskRecord => ({
  id: 't', nodeId: 'n', nodeName: '审核', kind: 'task', status: 'open', assignees: [], candidateGrants: [], createdAt: '2026-03-02T00:00:00Z',
  urgedCount: 0, escalated: false, tokenId: 't0', ...over,
});
const NOW = Date.parse('2026-03-05T00:00:00Z');

describe('health light', () => {
  it.each([
    ['green: due later, warning point later', task({ dueAt: '2026-03-09T00:00:00Z', warnAt: '2026-03-08T00:00:00Z' }), 'green'],
    ['yellow: past the warning point', task({ dueAt: '2026-03-09T00:00:00Z', warnAt: '2026-03-04T00:00:00Z' }), 'yellow'],
    ['red: past the due time', task({ dueAt: '2026-03-04T00:00:00Z' }), 'red'],
    ['red: escalated (督办) even before due', task({ dueAt: '2026-03-09T00:00:00Z', escalated: true }), 'red'],
    ['green: a finished overdue task does not count', task({ dueAt: '2026-03-04T00:00:00Z', status: 'done' }), 'green'],
  ])('%s', (_name, t, expected) => {
    expect(computeHealth({ tasks: [t], nowMs: NOW }).health).toBe(expected);
  });

  it('a suspended case is not overdue while its timers are paused', () => {
    expect(computeHealth({ tasks: [task({ dueAt: '2026-03-04T00:00:00Z' })], nowMs: NOW, suspended: true }).health).toBe('green');
  });

  it('动态管理 light: a red light from a service node wins over a green task', () => {
    const h = computeHealth({ tasks: [], nowMs: NOW, light: { level: 'red', reason: '瞒报' } });
    expect(h).toEqual({ health: 'red', reasons: ['瞒报'] });
  });
});

describe('routing', () => {
  const ctx = (amount: number) => ({ data: { amount }, params: {}, outcome: null, initiator: 'init' });
  it.each([
    ['amount 9999 takes the default edge', 9999, 'calc'],
    ['amount 10000 satisfies data.amount >= 10000', 10000, 'township'],
  ])('%s', (_name, amount, to) => {
    expect(chooseEdge(approval, 'gw', undefined, ctx(amount)).edge?.to).toBe(to);
  });

  it('an edge with an outcome is taken only for that outcome', () => {
    expect(chooseEdge(approval, 'review', 'reject', ctx(1)).edge?.to).toBe('rejected');
    expect(chooseEdge(approval, 'review', 'unknown', ctx(1)).edge).toBeUndefined();
  });

  it('a split is closed by its paired join', () => {
    expect(joinOf(parallel, 'split')).toBe('join');
  });
});

describe('form checks', () => {
  const fields = approval.fields;
  it.each([
    ['a number for a money field', { amount: 12.5 }, undefined],
    ['text for a money field', { amount: '12' }, '金额'],
    ['an option not offered', { kind: 'air' }, '类别'],
    ['a field not on the form', { elected: ['x'] }, '本环节表单没有字段'],
    ['text longer than maxLength 50', { summary: 'x'.repeat(51) }, '事项'],
  ])('%s', (_name, data, problem) => {
    const p = formProblem(fields, ['amount', 'kind', 'summary'], data);
    if (problem === undefined) expect(p).toBeUndefined();
    else expect(p).toContain(problem);
  });

  it('a required field already in the case data need not be sent again', () => {
    expect(missingRequired(fields, ['summary', 'amount'], { summary: '修路' }, { amount: 3 })).toEqual([]);
    expect(missingRequired(fields, ['summary', 'amount'], {}, { amount: 3, summary: ' ' })).toEqual(['事项']);
  });
});

describe('permissions and parameters', () => {
  it('a 镇党委书记 of the township supervises a village case; a 村委委员 does not', () => {
    expect(orgChain(ORG)).toEqual(['v1', 't1', 'c1']);
    expect(isSupervisor({ userId: 'boss', grants: [{ role: 'TWN_SEC', orgUnit: 't1' }] }, ORG)).toBe(true);
    expect(isSupervisor({ userId: 'boss2', grants: [{ role: 'TWN_SEC', orgUnit: 't2' }] }, ORG)).toBe(false);
    expect(isSupervisor({ userId: 'li', grants: [{ role: 'VIL_COMM', orgUnit: 'v1' }] }, ORG)).toBe(false);
  });

  it('a case parameter overrides a period and a vote threshold; the definition default applies otherwise', () => {
    const params = resolveParams({ ...approval, params: [{ key: 'days', label: '天数', type: 'number', default: 7, provenance: 'DEFAULT' }] }, { quorum: { num: 3, den: 4 } });
    expect(durationWithParams({ amount: 5, unit: 'calendarDays', param: 'days' }, params).amount).toBe(7);
    expect(ruleWithParams({ base: 'entitled', op: '>=', num: 2, den: 3, param: 'quorum' }, params)).toMatchObject({ num: 3, den: 4, op: '>=' });
  });
});
