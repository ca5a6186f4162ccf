/**
 * A notice node's `dueOf` / `dates` (受理告知书's 办结期限, 处理意见书's 受理日期) are checked against
 * the definition: a step that does not exist, a step without a deadline, an automatic node or a
 * date blank neither the template nor the fields have is refused, in Chinese, on the notice node.
 */
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../dsl/validate.js';
import { noticeDateKeys } from '../../dsl/notice-dates.js';
import { NOTICE_TEMPLATES } from '../../activities/notice.js';
import { NoticeTemplateSchema } from '../../dsl/schema.js';
import { loadBuiltinProcedures } from '../../procedures/index.js';

function withNotice(params: Record<string, unknown>) {
  return {
    key: 'notice-refs',
    version: 1,
    schemaVersion: 2,
    title: '告知书引用检查',
    roles: [{ key: 'CLERK', name: '经办人', level: 'village' }],
    fields: [
      { key: 'matter', label: '事项', type: 'text', required: true },
      { key: 'visitDate', label: '来访日期', type: 'date' },
    ],
    nodes: [
      { id: 'start', kind: 'start', name: '开始' },
      { id: 'accept', kind: 'task', name: '受理', assignment: { type: 'role', role: 'CLERK' }, form: ['matter'], requiredFields: ['matter'], deadline: { duration: { amount: 15, unit: 'calendarDays' }, timeoutAction: 'none' } },
      { id: 'tell', kind: 'service', name: '书面告知', action: 'notice', params: { template: 'acceptance-notice', ...params } },
      { id: 'handle', kind: 'task', name: '办理', assignment: { type: 'role', role: 'CLERK' }, form: ['matter'], deadline: { duration: { amount: 60, unit: 'calendarDays' }, timeoutAction: 'none' } },
      { id: 'log', kind: 'service', name: '登记', action: 'setData', params: { set: { matter: 'data.matter' } } },
      { id: 'done', kind: 'end', name: '办结', outcome: 'done' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'accept' },
      { id: 'e2', from: 'accept', to: 'tell' },
      { id: 'e3', from: 'tell', to: 'handle' },
      { id: 'e4', from: 'handle', to: 'log' },
      { id: 'e5', from: 'log', to: 'done' },
    ],
  };
}

const refIssues = (params: Record<string, unknown>) => validateDefinition(withNotice(params)).issues.filter((i) => i.code === 'NOTICE_UNKNOWN_REF');

describe('a notice’s dueOf and dates name what exists', () => {
  it('accepts steps with a deadline for dueOf, completed steps for dates, and the template’s blanks or a date field as keys', () => {
    expect(validateDefinition(withNotice({ dueOf: 'handle', dates: { receivedAt: 'accept' } })).issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([]);
    expect(refIssues({ dueOf: { dueAt: 'handle', visitDate: 'accept' } })).toEqual([]);
  });

  it('refuses a dueOf naming a step that does not exist, pinned to the notice node in Chinese', () => {
    const [issue, ...rest] = refIssues({ dueOf: 'handling' });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ nodeId: 'tell', path: ['nodes', 2, 'params', 'dueOf'], field: 'params.dueOf', severity: 'error' });
    expect(issue!.message).toMatch(/书面告知.*办结期限.*「handling」不存在/);
    expect(validateDefinition(withNotice({ dueOf: 'handling' })).valid).toBe(false);
  });

  it('refuses dates naming a missing step or an automatic node, and a key that is no blank of the document', () => {
    const issues = refIssues({ dates: { receivedAt: 'gone', acceptedOn: 'accept' }, dueOf: { dueAt: 'log' } });
    expect(issues.map((i) => [i.path.join('.'), i.nodeId])).toEqual([
      ['nodes.2.params.dueOf.dueAt', 'tell'],
      ['nodes.2.params.dates.receivedAt', 'tell'],
      ['nodes.2.params.dates.acceptedOn', 'tell'],
    ]);
    expect(issues[0]!.message).toMatch(/「登记」.*不是有人办理的环节/);
    expect(issues[1]!.message).toMatch(/「gone」不存在/);
    expect(issues[2]!.message).toMatch(/「acceptedOn」既不是该文书模板的日期栏，也不是已定义的字段/);
  });

  it('refuses a dueOf naming a step without a deadline', () => {
    const def = withNotice({ dueOf: 'accept' });
    delete (def.nodes[1] as { deadline?: unknown }).deadline;
    const issue = validateDefinition(def).issues.find((i) => i.code === 'NOTICE_UNKNOWN_REF');
    expect(issue?.message).toMatch(/「受理」.*没有设置办理时限/);
  });

  it('the built-in procedures’ notices (信访 受理告知书 and 处理意见书) pass', () => {
    for (const def of loadBuiltinProcedures()) expect(validateDefinition(def).issues.filter((i) => i.code === 'NOTICE_UNKNOWN_REF'), def.key).toEqual([]);
  });

  it('each template’s date blanks are fields its renderer knows (activities/notice.ts)', () => {
    for (const t of NoticeTemplateSchema.options) {
      for (const key of noticeDateKeys(t, { fields: [] })) expect(Object.keys(NOTICE_TEMPLATES[t].fields), `${t}.${key}`).toContain(key);
    }
  });
});
