/**
 * 两村两会：每村每年两次党员和村民代表联席会议 (domain/procedures.md §6.1, SEED:003).
 */
import { action, days, deadline, DefinitionBuilder, dur, PRESETS as P } from './builder.js';

export function liangcunLianghui() {
  const b = new DefinitionBuilder({
    key: 'liangcun-lianghui',
    title: '两村两会（党员和村民代表联席会议）',
    category: '村级民主决策',
    summaryFields: ['year'],
    description:
      '每村每年两次党员和村民代表联席会议（procedures.md §6.1，SEED:003）：年初调查摸底 → 汇总分类 → 第一次“两会”（一半以上党员且三分之二以上村民代表参加，到会人员过半数同意）→ 郑重承诺并公开 → 每季度公开进展 → 年终总结 → 第二次“两会” → 满意度测评：满意率低于60%的，村支部书记、主任不能参加第二年评先评优。',
  });

  b.roleList('TWN_LIAISON', 'VIL_PARTY', 'VIL_COMM', 'PARTY_MEMBER', 'VIL_REP', 'TWN_SEC', 'VIL_SUPERV');
  // 调查摸底 (年初) by the 镇驻村干部 with the 村两委, under the 镇党委 (SEED:003).
  b.starterRoles('TWN_LIAISON', 'VIL_PARTY', 'TWN_SEC');

  b.field('year', '年度', 'number', { required: true, min: 2000, max: 2100 })
    .field('survey_record', '调查摸底意见（各村民小组）', 'longText')
    .field('key_issues', '重点问题清单（责任人、完成时限）', 'table', {
      columns: [
        { key: 'issue', label: '问题', type: 'text', required: true, sensitive: false },
        {
          key: 'kind',
          label: '类别',
          type: 'select',
          required: true,
          sensitive: false,
          options: [
            { value: 'hotspot', label: '焦点难点' },
            { value: 'team', label: '对班子意见' },
            { value: 'member', label: '对成员意见' },
          ],
        },
        { key: 'owner', label: '责任人', type: 'text', required: true, sensitive: false },
        { key: 'due', label: '完成时限', type: 'date', required: true, sensitive: false },
      ],
    })
    .field('fund_plan', '集体收入使用计划、公益事业资金比例', 'longText')
    .field('commitment', '承诺内容', 'longText')
    .field('quarter_progress', '季度进展', 'longText')
    .field('year_summary', '年终总结（履诺、资金使用）', 'longText')
    .field('satisfaction_rate', '满意率（%）', 'number', { min: 0, max: 100 });

  b.param({ key: 'survey_days', label: '调查摸底时限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: '默认（年初）' })
    .param({ key: 'meeting_days', label: '“两会”召开时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'publicity_days', label: '承诺公开期（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'quarter_months', label: '进展公开周期（月）', type: 'number', default: 3, min: 1, max: 3, provenance: 'SEED', source: 'SEED:003：每季度公布进展' })
    .param({ key: 'satisfaction_floor', label: '满意率下限（%）', type: 'number', default: 60, min: 0, max: 100, provenance: 'SEED', source: 'SEED:003：满意率低于60%的，村支部书记、主任不能参加第二年评先评优' });

  const d = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(1)], escalateToRole: 'TWN_LIAISON' });
  const joint = P['liangcun-lianghui'];
  const meeting = (id: string, name: string, col: number) =>
    b.node(
      {
        id,
        kind: 'vote',
        name,
        stage: name,
        description: '党员一半以上且村民代表三分之二以上参加；到会人员（两组合计，身兼两职者只计一次）过半数同意（SEED:003）。',
        assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
        deadline: d('meeting_days', 15),
        vote: {
          mode: 'tally',
          secret: false,
          meetingType: '党员和村民代表联席会议',
          options: { type: 'yesNo' },
          groups: [
            { ...joint.groups[0], role: 'PARTY_MEMBER' },
            { ...joint.groups[1], role: 'VIL_REP' },
          ],
          quorum: joint.quorum,
          pass: joint.pass,
          tellerRole: 'VIL_COMM',
          scrutineerRole: 'VIL_SUPERV',
        },
      },
      col,
      1,
    );

  b.node({ id: 'start', kind: 'start', name: '年初启动' }, 0, 1)
    .node({ id: 'survey', kind: 'task', name: '调查摸底', stage: '调查摸底', description: '镇驻村干部、村驻组干部到各村民小组召开村民大会或户主会议征求意见。', assignment: { type: 'role', role: 'TWN_LIAISON', scope: 'township' }, form: ['year', 'survey_record'], requiredFields: ['year', 'survey_record'], deadline: d('survey_days', 30), actions: [action('done', '摸底完成')] }, 1, 1)
    .node({ id: 'classify', kind: 'task', name: '汇总分类', stage: '汇总分类', assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' }, form: ['key_issues', 'fund_plan'], requiredFields: ['key_issues'], deadline: d('meeting_days', 15), actions: [action('done', '拟列重点问题')] }, 2, 1);
  meeting('first_meeting', '第一次“两会”', 3);
  b.node({ id: 'no_quorum_1', kind: 'task', name: '到会不足，重新召开', stage: '第一次“两会”', assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' }, deadline: d('meeting_days', 15), actions: [action('reconvene', '重新召开')] }, 3, 3)
    .node({ id: 'commit_publish', kind: 'publicity', name: '郑重承诺并公开', stage: '承诺公开', description: '公开会议内容、重点难点、计划资金、责任人、完成时限（结合双向承诺）。', assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' }, form: ['commitment'], period: days(7, 'publicity_days'), channel: '党务村务公开栏' }, 4, 1)
    .node({ id: 'commit_objection', kind: 'task', name: '处理公开异议', stage: '承诺公开', assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' }, form: ['commitment'], deadline: d('meeting_days', 15), actions: [action('done', '已答复')] }, 4, 3)
    .node({ id: 'quarter_wait', kind: 'timer', name: '每季度', duration: dur(3, 'months', 'quarter_months') }, 5, 1)
    .node({ id: 'quarter_report', kind: 'task', name: '季度进展公开', stage: '季度公开', description: '党支部大会+党务村务公开，每季度公布进展。', assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' }, form: ['quarter_progress'], requiredFields: ['quarter_progress'], deadline: d('meeting_days', 15), actions: [action('next_quarter', '已公开，进入下一季度'), action('year_end', '已公开，进入年终总结')] }, 6, 1)
    .node({ id: 'year_summary', kind: 'task', name: '年终总结', stage: '年终总结', assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' }, form: ['year_summary'], requiredFields: ['year_summary'], deadline: d('meeting_days', 15), actions: [action('done', '总结完成')] }, 7, 1);
  meeting('second_meeting', '第二次“两会”', 8);
  b.node({ id: 'no_quorum_2', kind: 'task', name: '到会不足，重新召开', stage: '第二次“两会”', assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' }, deadline: d('meeting_days', 15), actions: [action('reconvene', '重新召开')] }, 8, 3)
    .node({ id: 'satisfaction', kind: 'task', name: '满意度测评', stage: '满意度测评', description: '镇发放满意度调查表，统计班子及村干部满意率。', assignment: { type: 'role', role: 'TWN_LIAISON', scope: 'township' }, form: ['satisfaction_rate'], requiredFields: ['satisfaction_rate'], deadline: d('meeting_days', 15), actions: [action('done', '测评完成')] }, 9, 1)
    .node({ id: 'gw_satisfaction', kind: 'gateway', gateway: 'exclusive', name: '满意率是否低于下限' }, 10, 1)
    .node({ id: 'ban_notice', kind: 'service', name: '通报：书记、主任不得参加下一年度评先评优', action: 'notify', params: { toRole: 'TWN_SEC', message: '两村两会满意率低于下限：村支部书记、主任不能参加第二年评先评优（SEED:003）' } }, 11, 2)
    .node({ id: 'end_satisfied', kind: 'end', name: '年度完成', outcome: 'satisfied' }, 12, 1)
    .node({ id: 'end_unsatisfied', kind: 'end', name: '年度完成（满意率不达标）', outcome: 'unsatisfied' }, 12, 2);

  b.edge('start', 'survey')
    .edge('survey', 'classify', { outcome: 'done' })
    .edge('classify', 'first_meeting', { outcome: 'done' })
    .edge('first_meeting', 'commit_publish', { outcome: 'passed' })
    .edge('first_meeting', 'classify', { outcome: 'rejected', label: '未通过，修订' })
    .edge('first_meeting', 'no_quorum_1', { outcome: 'no_quorum' })
    .edge('no_quorum_1', 'first_meeting', { outcome: 'reconvene' })
    .edge('commit_publish', 'quarter_wait', { outcome: 'clear' })
    .edge('commit_publish', 'commit_objection', { outcome: 'objections' })
    .edge('commit_objection', 'quarter_wait', { outcome: 'done' })
    .edge('quarter_wait', 'quarter_report')
    .edge('quarter_report', 'quarter_wait', { outcome: 'next_quarter' })
    .edge('quarter_report', 'year_summary', { outcome: 'year_end' })
    .edge('year_summary', 'second_meeting', { outcome: 'done' })
    .edge('second_meeting', 'satisfaction', { outcome: 'passed' })
    .edge('second_meeting', 'satisfaction', { outcome: 'rejected', label: '意见未获通过，仍进行测评' })
    .edge('second_meeting', 'no_quorum_2', { outcome: 'no_quorum' })
    .edge('no_quorum_2', 'second_meeting', { outcome: 'reconvene' })
    .edge('satisfaction', 'gw_satisfaction', { outcome: 'done' })
    .edge('gw_satisfaction', 'ban_notice', { condition: 'data.satisfaction_rate < params.satisfaction_floor', label: '低于60%' })
    .edge('gw_satisfaction', 'end_satisfied', { default: true })
    .edge('ban_notice', 'end_unsatisfied');

  return b.build();
}
