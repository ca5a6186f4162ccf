/** A small org and users of every kind of role, plus small definitions, for the API tests. */
import type { DefinitionInput } from '../dsl/schema.js';
import type { DirectorySeed } from '../server/seed/directory.js';

export const DIRECTORY: DirectorySeed = {
  units: [
    { id: 'c1', name: '示范县', level: 'county', parentId: null },
    { id: 't1', name: '桂花镇', level: 'township', parentId: 'c1' },
    { id: 'v1', name: '小河村', level: 'village', parentId: 't1' },
    { id: 'v2', name: '大山村', level: 'village', parentId: 't1' },
    { id: 'g1', name: '小河村一组', level: 'group', parentId: 'v1' },
  ],
  users: [
    { id: 'admin', username: 'admin', name: '管理员', grants: [{ role: 'ADMIN', orgUnit: 'c1' }] },
    { id: 'designer', username: 'designer', name: '流程管理员', grants: [{ role: 'PROC_ADMIN', orgUnit: 'c1' }] },
    { id: 'sec', username: 'sec', name: '镇党委书记', grants: [{ role: 'TWN_SEC', orgUnit: 't1' }] },
    { id: 'dept', username: 'dept', name: '镇科办', grants: [{ role: 'TWN_DEPT', orgUnit: 't1' }] },
    { id: 'xf', username: 'xf', name: '信访办', grants: [{ role: 'TWN_XF_OFFICE', orgUnit: 't1' }] },
    { id: 'clerk1', username: 'clerk1', name: '小河村文书甲', grants: [{ role: 'VIL_COMM', orgUnit: 'v1' }] },
    { id: 'clerk1b', username: 'clerk1b', name: '小河村文书乙', grants: [{ role: 'VIL_COMM', orgUnit: 'v1' }] },
    { id: 'superv', username: 'superv', name: '村务监督委员', grants: [{ role: 'VIL_SUPERV', orgUnit: 'v1' }] },
    { id: 'clerk2', username: 'clerk2', name: '大山村文书', grants: [{ role: 'VIL_COMM', orgUnit: 'v2' }] },
    { id: 'grp', username: 'grp', name: '一组组长', grants: [{ role: 'GROUP_LEADER', orgUnit: 'g1' }] },
    { id: 'dm', username: 'dm', name: '小河村动态管理员', grants: [{ role: 'DM_OFFICER', orgUnit: 'v1' }] },
    // The operations role: decodes Temporal payloads (audited); its grant lies outside 小河村.
    { id: 'ops', username: 'ops', name: '运维解码员', grants: [{ role: 'OPS_DECODER', orgUnit: 'v2' }] },
    { id: 'nobody', username: 'nobody', name: '无角色', grants: [] },
    // Citizens (群众): their grants give no org scope and no inbox capability.
    { id: 'petitioner', username: 'petitioner', name: '信访人', grants: [{ role: 'PETITIONER', orgUnit: 'v1' }] },
    { id: 'household', username: 'household', name: '一组户主', grants: [{ role: 'HOUSEHOLD', orgUnit: 'g1' }] },
    { id: 'villager', username: 'villager', name: '小河村村民', grants: [{ role: 'VILLAGER', orgUnit: 'v1' }] },
  ],
};

export const PASSWORD = 'jiceng2026';

const deadline = (amount: number, unit: 'calendarDays' | 'hours' | 'minutes' = 'calendarDays') => ({
  duration: { amount, unit },
  timeoutAction: 'none' as const,
});

/** 村委办理 (VIL_COMM of the case's village) → 镇审核 (TWN_DEPT of the township) → end. */
export function approvalDefinition(key = 'api-approval', title = '村务事项审批'): DefinitionInput {
  return {
    key,
    version: 1,
    schemaVersion: 2,
    title,
    category: '测试',
    roles: [
      { key: 'VIL_COMM', name: '村委' },
      { key: 'TWN_DEPT', name: '镇科办' },
    ],
    fields: [
      { key: 'petitionerName', label: '信访人姓名', type: 'text', sensitive: true },
      { key: 'summary', label: '事项摘要', type: 'longText' },
      { key: 'amount', label: '金额', type: 'money' },
    ],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      {
        id: 'handle',
        name: '村委办理',
        kind: 'task',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        // Who wrote in is recorded at this step (sensitive: "***" outside 信访): the start form is this form.
        form: ['petitionerName', 'summary', 'amount'],
        requiredFields: ['summary'],
        deadline: deadline(3),
        operations: ['return', 'transfer', 'delegate', 'addSigner', 'comment', 'urge'],
        actions: [
          { name: 'approve', label: '同意', approve: true },
          { name: 'reject', label: '不同意', approve: false, requireComment: true },
        ],
      },
      {
        id: 'review',
        name: '镇审核',
        kind: 'task',
        assignment: { type: 'role', role: 'TWN_DEPT', scope: 'township' },
        deadline: deadline(5),
        operations: ['return', 'comment', 'urge', 'transfer'],
        returnTargets: ['handle'],
      },
      { id: 'done', name: '办结', kind: 'end', outcome: 'approved' },
      { id: 'refused', name: '不予办理', kind: 'end', outcome: 'rejected' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'handle' },
      { id: 'e2', from: 'handle', to: 'review', outcome: 'approve' },
      { id: 'e3', from: 'handle', to: 'refused', outcome: 'reject' },
      { id: 'e4', from: 'review', to: 'done' },
    ],
  };
}

/**
 * A secret individual ballot: by default among the village committee, without a quorum rule;
 * `opts` name other voters, a teller role and the quorum (e.g. ⅔ of the voters, 组织法 §26).
 */
export function ballotDefinition(
  key = 'api-ballot',
  opts: { title?: string; voters?: { role: string; name: string }; teller?: { role: string; name: string }; quorumTwoThirds?: boolean } = {},
): DefinitionInput {
  const voters = opts.voters ?? { role: 'VIL_COMM', name: '村委' };
  const teller = opts.teller ?? voters;
  return {
    key,
    version: 1,
    schemaVersion: 2,
    title: opts.title ?? '村委无记名表决',
    roles: teller.role === voters.role ? [{ key: voters.role, name: voters.name }] : [{ key: teller.role, name: teller.name }, { key: voters.role, name: voters.name }],
    fields: [],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      {
        id: 'vote',
        name: '无记名投票',
        kind: 'vote',
        assignment: { type: 'role', role: teller.role, scope: 'case' },
        deadline: deadline(2),
        vote: {
          mode: 'ballots',
          secret: true,
          options: { type: 'yesNo' },
          voterRole: voters.role,
          ...(opts.teller ? { tellerRole: teller.role } : {}),
          ...(opts.quorumTwoThirds ? { quorum: { combine: 'all' as const, rules: [{ base: 'entitled' as const, op: '>=' as const, num: 2, den: 3 }] } } : {}),
          pass: { base: 'cast', op: '>', num: 1, den: 2 },
        },
      },
      { id: 'passed', name: '通过', kind: 'end', outcome: 'adopted' },
      { id: 'failed', name: '未通过', kind: 'end', outcome: 'rejected' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'vote' },
      { id: 'e2', from: 'vote', to: 'passed', outcome: 'passed' },
      { id: 'e3', from: 'vote', to: 'failed', default: true },
    ],
  };
}

/** 村民代表会议 by paper ballot (teller enters, scrutineer confirms) → 公示 → end. */
export function meetingDefinition(key = 'api-meeting'): DefinitionInput {
  return {
    key,
    version: 1,
    schemaVersion: 2,
    title: '村民代表会议表决并公示',
    roles: [
      { key: 'VIL_COMM', name: '村委' },
      { key: 'VIL_SUPERV', name: '村务监督委员会' },
    ],
    fields: [],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      {
        id: 'meeting',
        name: '代表会议表决',
        kind: 'vote',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        deadline: deadline(3),
        vote: {
          mode: 'tally',
          secret: true,
          options: { type: 'yesNo' },
          tellerRole: 'VIL_COMM',
          scrutineerRole: 'VIL_SUPERV',
          quorum: { combine: 'all', rules: [{ base: 'entitled', op: '>=', num: 2, den: 3 }] },
          pass: { base: 'present', op: '>', num: 1, den: 2 },
        },
      },
      {
        id: 'publicity',
        name: '结果公示',
        kind: 'publicity',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        period: { amount: 5, unit: 'calendarDays' },
      },
      { id: 'adopted', name: '通过', kind: 'end', outcome: 'adopted' },
      { id: 'rejected', name: '未通过', kind: 'end', outcome: 'rejected' },
      { id: 'objected', name: '有异议', kind: 'end', outcome: 'objections' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'meeting' },
      { id: 'e2', from: 'meeting', to: 'publicity', outcome: 'passed' },
      { id: 'e3', from: 'meeting', to: 'rejected', default: true },
      { id: 'e4', from: 'publicity', to: 'adopted', outcome: 'clear' },
      { id: 'e5', from: 'publicity', to: 'objected', outcome: 'objections' },
    ],
  };
}

/** 会签: both village clerks sign; signers may be added (加签). */
export function countersignDefinition(key = 'api-countersign'): DefinitionInput {
  return {
    key,
    version: 1,
    schemaVersion: 2,
    title: '村委会签',
    roles: [],
    fields: [],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      {
        id: 'sign',
        name: '村委会签',
        kind: 'task',
        assignment: { type: 'user', userIds: ['clerk1', 'clerk1b'] },
        countersign: { mode: 'all' },
        deadline: deadline(2),
        operations: ['addSigner', 'comment', 'urge'],
      },
      { id: 'done', name: '办结', kind: 'end', outcome: 'signed' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'sign' },
      { id: 'e2', from: 'sign', to: 'done' },
    ],
  };
}
