/**
 * A small draft for the 试运行 tests: 村委拟定 (a required field, due in 3 days) → 村民代表会议表决
 * (paper ballots counted by the teller, confirmed by the 监票人) → 公示 5 days → with an objection,
 * 监委会核实 → end; without one, straight to the end.
 */
import type { DefinitionInput } from '../dsl/schema.js';
import { meetingVote } from './migration-fixtures.js';

export function playDefinition(key: string, title = '村务公开演示（试运行）'): DefinitionInput {
  return {
    key,
    version: 1,
    schemaVersion: 2,
    title,
    category: '测试',
    roles: [
      { key: 'VIL_COMM', name: '村民委员会' },
      { key: 'VIL_SUPERV', name: '村务监督委员会' },
    ],
    fields: [
      { key: 'content', label: '公开内容', type: 'longText' },
      { key: 'finding', label: '核实意见', type: 'longText' },
    ],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      {
        id: 'draft',
        name: '村委拟定公开内容',
        kind: 'task',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['content'],
        requiredFields: ['content'],
        deadline: { duration: { amount: 3, unit: 'calendarDays' }, timeoutAction: 'none' },
      },
      meetingVote({ base: 'present', op: '>', num: 1, den: 2 }),
      { id: 'publish', name: '公示', kind: 'publicity', assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' }, period: { amount: 5, unit: 'calendarDays' }, channel: '村务公开栏' },
      {
        id: 'check',
        name: '监委会核实异议',
        kind: 'task',
        assignment: { type: 'role', role: 'VIL_SUPERV', scope: 'case' },
        form: ['finding'],
        requiredFields: ['finding'],
        deadline: { duration: { amount: 10, unit: 'calendarDays' }, timeoutAction: 'none' },
      },
      { id: 'published', name: '已公开', kind: 'end', outcome: 'published' },
      { id: 'rejected', name: '未通过', kind: 'end', outcome: 'rejected' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'draft' },
      { id: 'e2', from: 'draft', to: 'meeting' },
      { id: 'e3', from: 'meeting', to: 'publish', outcome: 'passed', label: '表决通过' },
      { id: 'e4', from: 'meeting', to: 'rejected', default: true },
      { id: 'e5', from: 'publish', to: 'check', outcome: 'objections', label: '有异议' },
      { id: 'e6', from: 'publish', to: 'published', outcome: 'clear', label: '无异议' },
      { id: 'e7', from: 'check', to: 'published' },
    ],
  };
}
