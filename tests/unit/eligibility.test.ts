/** Who a task may be handed to and who may receive a 抄送 (server/auth/eligibility.ts), table-driven. */
import { describe, expect, it } from 'vitest';
import { ccEligibility, taskEligibility, type CandidateUser } from '../../server/auth/eligibility.js';
import { parseDefinition, type HumanNode } from '../../dsl/schema.js';
import type { TaskRecord } from '../../workflows/types.js';
import { approvalDefinition, countersignDefinition } from '../../testkit/api-fixtures.js';

const scope = { units: new Set(['v1', 't1', 'c1', 'g1']) };
const user = (id: string, grants: [string, string][], disabled = false): CandidateUser => ({ id, name: id, disabled, grants: grants.map(([role, orgUnit]) => ({ role, orgUnit })) });
const task = (nodeId: string, candidateUnits: string[] = []): TaskRecord =>
  ({ id: 't', nodeId, nodeName: nodeId, kind: 'task', status: 'open', assignees: [], candidateGrants: candidateUnits.map((u) => ({ role: 'X', orgUnit: u })), createdAt: '', remindersSent: 0, urgedCount: 0, escalated: false, tokenId: 'k' }) as unknown as TaskRecord;

const approval = parseDefinition(approvalDefinition());
const handle = approval.nodes.find((n) => n.id === 'handle') as HumanNode;
const countersign = parseDefinition(countersignDefinition());
const sign = countersign.nodes.find((n) => n.id === 'sign') as HumanNode;

describe('转办/委托/加签 of a task assigned to 村委 (VIL_COMM) of 小河村', () => {
  it.each([
    ['a colleague of the same village committee', user('clerk1b', [['VIL_COMM', 'v1']]), true],
    ['the committee of another village', user('clerk2', [['VIL_COMM', 'v2']]), false],
    ['a 信访人 of the village (a citizen role)', user('petitioner', [['PETITIONER', 'v1']]), false],
    ['the supervisory committee (another role)', user('superv', [['VIL_SUPERV', 'v1']]), false],
    ['a disabled colleague', user('gone', [['VIL_COMM', 'v1']], true), false],
    ['the system administrator of the county', user('admin', [['ADMIN', 'c1']]), false],
  ])('%s → %s', (_l, u, ok) => {
    expect(taskEligibility(u, task('handle'), handle, approval, scope).ok).toBe(ok);
  });
  it('an unknown user is refused with a reason', () => {
    expect(taskEligibility(undefined, task('handle'), handle, approval, scope)).toEqual({ ok: false, reason: '找不到该用户' });
  });
});

describe('a task assigned to named users (会签), in a procedure that names no roles: any casework role in the case’s units', () => {
  it.each([
    ['the supervisory committee of the village', user('superv', [['VIL_SUPERV', 'v1']]), true],
    ['a group leader below the village', user('grp', [['GROUP_LEADER', 'g1']]), true],
    ['a 户主 below the village (a citizen)', user('household', [['HOUSEHOLD', 'g1']]), false],
    ['another village', user('clerk2', [['VIL_COMM', 'v2']]), false],
  ])('%s → %s', (_l, u, ok) => {
    expect(taskEligibility(u, task('sign'), sign, countersign, scope).ok).toBe(ok);
  });
});

describe('抄送: casework staff of the case’s units', () => {
  it.each([
    [user('grp', [['GROUP_LEADER', 'g1']]), true],
    [user('sec', [['TWN_SEC', 't1']]), true],
    [user('clerk2', [['VIL_COMM', 'v2']]), false],
    [user('villager', [['VILLAGER', 'v1']]), false],
    [user('designer', [['PROC_ADMIN', 'c1']]), false],
  ])('%j → %s', (u, ok) => {
    expect(ccEligibility(u, scope).ok).toBe(ok);
  });
});
