/** Pure rules of the API, table-driven: no servers. */
import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../server/auth/roles.js';
import { diffDefinitions } from '../../dsl/diff.js';
import { protectDecoded, redactState, sensitiveValues, storedTitle, MASK } from '../../server/cases/masking.js';
import { statusOfEngineCode } from '../../server/errors.js';
import { parseDefinition } from '../../dsl/schema.js';
import type { CaseState } from '../../workflows/types.js';
import { approvalDefinition, ballotDefinition } from '../../testkit/api-fixtures.js';

describe('capabilities by role', () => {
  it.each([
    [[], []],
    [[{ role: 'VIL_COMM', orgUnit: 'v1' }], ['inbox']],
    [[{ role: 'PROC_ADMIN', orgUnit: 'c1' }], ['designer', 'inbox']],
    [[{ role: 'ADMIN', orgUnit: 'c1' }], ['designer', 'inbox', 'admin']],
    [[{ role: 'TWN_SEC', orgUnit: 't1' }], ['inbox', 'monitor', 'xinfang']],
    [[{ role: 'TWN_XF_OFFICE', orgUnit: 't1' }], ['inbox', 'xinfang']],
    [[{ role: 'DM_CENTER', orgUnit: 'c1' }], ['inbox', 'monitor']],
    // Decoding Temporal payloads is the operations role's, not the administrator's.
    [[{ role: 'OPS_DECODER', orgUnit: 'c1' }], ['inbox', 'ops']],
    // Citizens: their own part only, no inbox of the unit's work.
    [[{ role: 'PETITIONER', orgUnit: 'v1' }], ['participant']],
    [[{ role: 'HOUSEHOLD', orgUnit: 'g1' }, { role: 'VILLAGER', orgUnit: 'g1' }], ['participant']],
    // 村民代表 sit in the 村民代表会议: staff of their village, not citizens.
    [[{ role: 'VIL_REP', orgUnit: 'v1' }], ['inbox']],
    // A group leader who is also a 户主 works as staff.
    [[{ role: 'GROUP_LEADER', orgUnit: 'g1' }, { role: 'HOUSEHOLD', orgUnit: 'g1' }], ['inbox']],
  ])('%j → %j', (grants, caps) => {
    expect(capabilitiesOf(grants)).toEqual(caps);
  });
});

describe('definition diff', () => {
  it('moving a node is not a change; renaming one is', () => {
    const a = parseDefinition(approvalDefinition());
    const b = parseDefinition(approvalDefinition());
    b.nodes[1] = { ...b.nodes[1]!, position: { x: 5, y: 5 } };
    expect(diffDefinitions(a, b).nodes).toEqual({ added: [], removed: [], changed: [] });
    b.nodes[1] = { ...b.nodes[1]!, name: '新名字' };
    expect(diffDefinitions(a, b).nodes.changed).toEqual([{ id: 'handle', name: '新名字', kind: 'task', changes: [{ path: ['name'], from: a.nodes[1]!.name, to: '新名字' }] }]);
  });
});

function baseState(over: Partial<CaseState> = {}): CaseState {
  return {
    caseId: 'c', definitionKey: 'k', definitionVersion: 1, title: 't', org: { unit: 'v1', ancestors: [] }, initiator: 'u', status: 'running',
    health: 'green', healthReasons: [], currentNodes: [], path: [], tasks: [], data: {}, nodeOutputs: {}, timeline: [], ledger: [], votes: [],
    publicity: [], startedAt: '2026-01-01T00:00:00Z', warnings: [], ...over,
  };
}

describe('redaction', () => {
  const base = (over: Partial<CaseState>): CaseState => ({
    caseId: 'c', definitionKey: 'k', definitionVersion: 1, title: 't', org: { unit: 'v1', ancestors: [] }, initiator: 'u', status: 'running',
    health: 'green', healthReasons: [], currentNodes: [], path: [], tasks: [], data: {}, nodeOutputs: {}, timeline: [], ledger: [], votes: [],
    publicity: [], startedAt: '2026-01-01T00:00:00Z', warnings: [], ...over,
  });
  it('masks sensitive fields everywhere for non-信访 roles and leaves them for 信访 roles', () => {
    const def = parseDefinition(approvalDefinition());
    const s = base({ data: { petitionerName: '张三', summary: 's' }, timeline: [{ at: 'x', actor: 'u', type: 'task.completed', detail: { data: { petitionerName: '张三' } } }] });
    const masked = redactState(s, def, false);
    expect(masked.data).toEqual({ petitionerName: MASK, summary: 's' });
    expect(JSON.stringify(masked)).not.toContain('张三');
    expect(redactState(s, def, true).data.petitionerName).toBe('张三');
  });
  it('drops any ballot choice of a secret vote, even if a state carried one', () => {
    const def = parseDefinition(ballotDefinition());
    const s = base({
      votes: [{ nodeId: 'vote', round: 1, status: 'collecting', secret: true, ballotsCast: 1, namedChoices: { u1: 'yes' } }],
      timeline: [{ at: 'x', actor: 'u1', type: 'vote.ballotCast', nodeId: 'vote', detail: { round: 1, choice: 'yes' } }],
    });
    const r = redactState(s, def, true);
    expect(r.votes[0]!.namedChoices).toBeUndefined();
    expect(r.timeline[0]!.detail).toEqual({ round: 1 });
  });
});

describe('titles and decoded payloads carry no personal data (issue 14)', () => {
  const def = parseDefinition(approvalDefinition());
  it('a title is stored with every sensitive value of the start data masked, names of a list one by one', () => {
    expect(storedTitle(def, '张三反映宅基地纠纷', { petitionerName: '张三', summary: '宅基地纠纷' })).toBe('***反映宅基地纠纷');
    expect(storedTitle(def, '修桥', { petitionerName: '张三' })).toBe('修桥');
    expect(sensitiveValues(def, { petitionerName: '李大山、赵小河', summary: '李大山' })).toEqual(['李大山、赵小河', '李大山', '赵小河']);
    // One character would garble any text it appears in: not a value to mask.
    expect(sensitiveValues(def, { petitionerName: '王' })).toEqual([]);
  });

  it('the case page masks a title holding a value filled in later, for readers without a 信访 role only', () => {
    const s = { ...baseState(), title: '张三的来信', data: { petitionerName: '张三' } };
    expect(redactState(s, def, false).title).toBe('***的来信');
    expect(redactState(s, def, true).title).toBe('张三的来信');
  });

  it('a decoded payload: a choice next to its voter is always ***; sensitive keys and values only when masking', () => {
    const keys = new Set(['petitionerName']);
    const cast = { actor: { userId: 'v1' }, taskId: 't', choice: 'yes' };
    expect(protectDecoded(cast, { mask: false, keys, values: [] })).toEqual({ ...cast, choice: MASK });
    const input = { title: '张三的来信', data: { petitionerName: '张三', summary: 's' } };
    expect(protectDecoded(input, { mask: true, keys, values: ['张三'] })).toEqual({ title: '***的来信', data: { petitionerName: MASK, summary: 's' } });
    expect(protectDecoded(input, { mask: false, keys, values: ['张三'] })).toEqual(input);
    const odd = protectDecoded(JSON.parse('{"__proto__": {"x": 1}}'), { mask: true, keys, values: [] }) as object;
    expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
  });
});

describe('engine rejections → HTTP status', () => {
  it.each([
    ['TASK_NOT_OPEN', 409],
    ['TASK_CLAIMED_BY_OTHER', 409],
    ['CASE_SUSPENDED', 409],
    ['NOT_ASSIGNEE', 403],
    ['NOT_SUPERVISOR', 403],
    ['INVALID_FORM', 422],
    ['USER_UNKNOWN', 422],
    ['BALLOT_NOT_CLOSABLE', 409],
    ['BALLOT_BOX_UNAVAILABLE', 503],
  ])('%s → %i', (code, status) => {
    expect(statusOfEngineCode(code)).toBe(status);
  });
});
