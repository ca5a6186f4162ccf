/**
 * A procedure and its corrected version for the migration tests through the API and the browser:
 * v1 村委办理 (3 days) → 村民代表会议表决 (> ½ of those present) → end; v2 corrects 村委办理 to
 * 村委受理审查 due in 2 days and adopts by ⅔ of those present.
 */
import type { DefinitionInput } from '../dsl/schema.js';

export function migrationDefinition(key: string, version: 1 | 2, title = '村务事项（迁移演示）'): DefinitionInput {
  const v2 = version === 2;
  return {
    key,
    version: 1,
    schemaVersion: 2,
    title,
    category: '测试',
    roles: [
      { key: 'VIL_COMM', name: '村委' },
      { key: 'VIL_SUPERV', name: '村务监督委员会' },
    ],
    fields: [{ key: 'summary', label: '事项摘要', type: 'longText' }],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      {
        id: 'handle',
        name: v2 ? '村委受理审查' : '村委办理',
        kind: 'task',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['summary'],
        deadline: { duration: { amount: v2 ? 2 : 3, unit: 'calendarDays' }, timeoutAction: 'none' },
      },
      meetingVote(v2 ? { base: 'present', op: '>=', num: 2, den: 3 } : { base: 'present', op: '>', num: 1, den: 2 }),
      { id: 'adopted', name: '通过', kind: 'end', outcome: 'adopted' },
      { id: 'rejected', name: '未通过', kind: 'end', outcome: 'rejected' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'handle' },
      { id: 'e2', from: 'handle', to: 'meeting' },
      { id: 'e3', from: 'meeting', to: 'adopted', outcome: 'passed', label: '表决通过' },
      { id: 'e4', from: 'meeting', to: 'rejected', default: true },
    ],
  };
}

/**
 * 村民代表会议表决 by the 村委's paper ballots (counted by the teller, confirmed by the 村务监督委员会):
 * ⅔ of those entitled must attend; `pass` decides.
 */
export function meetingVote(pass: { base: 'present'; op: '>' | '>='; num: number; den: number }) {
  return {
    id: 'meeting',
    name: '村民代表会议表决',
    kind: 'vote' as const,
    assignment: { type: 'role' as const, role: 'VIL_COMM', scope: 'case' as const },
    deadline: { duration: { amount: 7, unit: 'calendarDays' as const }, timeoutAction: 'none' as const },
    vote: {
      mode: 'tally' as const,
      secret: true,
      options: { type: 'yesNo' as const },
      tellerRole: 'VIL_COMM',
      scrutineerRole: 'VIL_SUPERV',
      quorum: { combine: 'all' as const, rules: [{ base: 'entitled' as const, op: '>=' as const, num: 2, den: 3 }] },
      pass,
    },
  };
}
