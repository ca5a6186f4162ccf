/**
 * 村级班子“动态管理110” 预警 (domain/procedures.md §5): 动态管理员亮黄/红灯 → 乡镇站警示通知、
 * 跟踪复查 → 恶化/无效 → 县中心限期整改通知 → 好转 → 撤消警示（绿灯）.
 */
import { action, days, deadline, DefinitionBuilder, hours } from './builder.js';

export function dongtaiYujing() {
  const b = new DefinitionBuilder({
    key: 'dongtai-yujing',
    title: '村级班子动态管理预警',
    category: '动态管理',
    summaryFields: ['indicator', 'warning_level'],
    description:
      '村级班子“动态管理110”（procedures.md §5，SEED:004 菏泽）。村动态管理员在指标发生变化时录入并亮灯（黄：进入警示；红：急需治理整顿），市县乡图版同时警示；乡镇动态管理站登记台帐、向村动态管理点发出警示通知并跟踪复查；' +
      '警示指标恶化或教育说服无效 → 上报县中心，中心发出限期整改通知；好转或消除 → 动态管理员撤消警示，村灯恢复绿色，中心登记造册。村灯即案件的健康灯（搜索属性 JcHealth），监控看板按村显示。' +
      '时限均非种子材料所定，为默认参数（§5.4）。',
  });

  b.roleList('DM_OFFICER', 'INFO_OFFICER', 'DM_STATION', 'DM_CENTER', 'VIL_PARTY', 'TWN_SEC');
  // The 村动态管理员 录入系统; the 乡镇站 registers what it learns itself (SEED:004 §5.4).
  b.starterRoles('DM_OFFICER', 'DM_STATION');

  b.select('indicator_category', '指标大类', [
    ['party_building', '党的建设情况'],
    ['new_countryside', '新农村建设情况'],
    ['public_safety', '平安建设情况'],
    ['democracy', '基层民主政治建设情况'],
    ['policy', '党和政府方针政策贯彻落实情况'],
  ], { required: true })
    .field('indicator', '指标（项/指标名称）', 'text', { required: true, description: '90项指标名称为各地数据（procedures.md §5.2，种子未列出）。' })
    .select('warning_level', '警示等级', [
      ['yellow', '黄灯：进入警示状态'],
      ['red', '红灯：急需治理整顿'],
    ], { required: true })
    .select('info_source', '信息来源', [
      ['info_officer', '信息员'],
      ['box', '村情收集箱'],
      ['hotline', '民情电话'],
      ['visit', '走访座谈'],
      ['patrol', '乡镇重点村户巡查'],
    ])
    .field('issue', '情况描述', 'longText', { required: true })
    .field('recheck_record', '跟踪复查记录', 'longText')
    .field('problems', '存在问题（县中心核定）', 'longText')
    .field('requirement', '整改要求（责任部门、工作组）', 'longText')
    .field('rectification_record', '整改情况', 'longText')
    .field('acceptance_record', '中心验收意见', 'longText')
    .field('clearance_record', '撤消警示记录', 'longText');

  b.param({ key: 'report_hours', label: '重要信息录入上报时限（小时）', type: 'number', default: 24, min: 1, provenance: 'DEFAULT', source: 'procedures.md §5.4：重要信息上报 ≤24小时 [DEFAULT]；迟报按 §5.5 处理' })
    .param({ key: 'recheck_days', label: '警示通知后复查时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: 'procedures.md §5.4：警示通知→首次复查 ≤7日 [DEFAULT]' })
    .param({ key: 'order_days', label: '中心发出限期整改通知时限（日）', type: 'number', default: 3, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'rectification_days', label: '限期整改期限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: 'procedures.md §5.4：限期整改30日，中心另定的除外 [DEFAULT]' })
    .param({ key: 'acceptance_days', label: '整改验收时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'clear_days', label: '撤消警示时限（日）', type: 'number', default: 2, min: 1, provenance: 'DEFAULT', source: '默认' });

  b.node({ id: 'start', kind: 'start', name: '指标发生变化' }, 0, 1)
    .node(
      {
        id: 'report',
        kind: 'task',
        name: '动态管理员录入预警',
        stage: '预警',
        description: '村动态管理员（包村干部）分析归类后录入系统；能就地处理的就地处理，需上报的及时上报（SEED:004）。',
        assignment: { type: 'initiator' },
        form: ['indicator_category', 'indicator', 'warning_level', 'info_source', 'issue'],
        requiredFields: ['indicator_category', 'indicator', 'warning_level', 'issue'],
        deadline: deadline(hours(24, 'report_hours'), { provenance: 'DEFAULT', source: '参数 report_hours', escalateToRole: 'DM_STATION' }),
        actions: [action('report', '录入并亮灯')],
      },
      1,
      1,
    )
    .node({ id: 'gw_level', kind: 'gateway', gateway: 'exclusive', name: '警示等级' }, 2, 1)
    .node({ id: 'light_yellow', kind: 'service', name: '亮黄灯', action: 'light', params: { level: 'yellow', reason: '动态管理预警：黄灯（进入警示状态）' } }, 3, 0)
    .node({ id: 'light_red', kind: 'service', name: '亮红灯', action: 'light', params: { level: 'red', reason: '动态管理预警：红灯（急需治理整顿）' } }, 3, 2)
    .node({ id: 'warning_notice', kind: 'service', name: '乡镇站发出警示通知', action: 'notice', params: { template: 'warning-notice', title: '村级班子动态管理警示通知' } }, 4, 1)
    .node(
      {
        id: 'recheck',
        kind: 'task',
        name: '乡镇站跟踪复查',
        stage: '复查',
        description: '登记台帐、跟踪复查：好转/消除 → 撤消警示；仍在整改 → 继续复查；恶化或教育说服无效、发现重大情况/上访苗头 → 立即上报县中心。',
        assignment: { type: 'role', role: 'DM_STATION', scope: 'township' },
        form: ['recheck_record'],
        requiredFields: ['recheck_record'],
        deadline: deadline(days(7, 'recheck_days'), { provenance: 'DEFAULT', source: '参数 recheck_days', reminders: [days(1)], escalateToRole: 'DM_CENTER' }),
        actions: [
          action('improved', '已好转/消除'),
          action('continue', '继续整改复查'),
          action('worsened', '恶化或整改无效，上报县中心', { approve: false, requireComment: true }),
        ],
      },
      5,
      1,
    )
    .node({ id: 'light_red_escalated', kind: 'service', name: '升为红灯', action: 'light', params: { level: 'red', reason: '动态管理预警：警示指标恶化，升为红灯' } }, 6, 2)
    .node(
      {
        id: 'center_order',
        kind: 'task',
        name: '县中心发出限期整改通知',
        stage: '限期整改',
        description: '中心责成问题涉及部门牵头解决（难题由市县涉农部门，易题由乡镇）或派工作组（SEED:004）。',
        assignment: { type: 'role', role: 'DM_CENTER', scope: 'county' },
        form: ['problems', 'requirement'],
        requiredFields: ['problems', 'requirement'],
        deadline: deadline(days(3, 'order_days'), { provenance: 'DEFAULT', source: '参数 order_days' }),
        actions: [action('issue', '发出通知')],
      },
      7,
      2,
    )
    .node({ id: 'order_notice', kind: 'service', name: '限期整改通知书', action: 'notice', params: { template: 'rectification-notice', title: '限期整改通知书' } }, 8, 2)
    .node(
      {
        id: 'rectify',
        kind: 'task',
        name: '限期整改',
        stage: '限期整改',
        assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
        form: ['rectification_record'],
        requiredFields: ['rectification_record'],
        deadline: deadline(days(30, 'rectification_days'), { provenance: 'DEFAULT', source: '参数 rectification_days', reminders: [days(5), days(1)], escalateToRole: 'DM_CENTER' }),
        actions: [action('done', '整改完成，申请验收')],
      },
      9,
      2,
    )
    .node(
      {
        id: 'center_accept',
        kind: 'task',
        name: '县中心整改验收',
        stage: '限期整改',
        assignment: { type: 'role', role: 'DM_CENTER', scope: 'county' },
        form: ['acceptance_record'],
        requiredFields: ['acceptance_record'],
        deadline: deadline(days(7, 'acceptance_days'), { provenance: 'DEFAULT', source: '参数 acceptance_days' }),
        actions: [action('pass', '验收通过'), action('fail', '未整改到位，继续限期整改', { approve: false, requireComment: true })],
      },
      10,
      2,
    )
    .node(
      {
        id: 'clear_warning',
        kind: 'task',
        name: '撤消警示',
        stage: '撤消警示',
        description: '好转或消除后详实记录，由村动态管理员撤消警示（SEED:004）。',
        assignment: { type: 'role', role: 'DM_OFFICER', scope: 'case' },
        form: ['clearance_record'],
        requiredFields: ['clearance_record'],
        deadline: deadline(days(2, 'clear_days'), { provenance: 'DEFAULT', source: '参数 clear_days' }),
        actions: [action('clear', '撤消警示')],
      },
      11,
      1,
    )
    .node({ id: 'light_green', kind: 'service', name: '恢复绿灯', action: 'light', params: { level: 'green', reason: '警示已撤消' } }, 12, 1)
    .node({ id: 'register_center', kind: 'service', name: '通知县中心登记造册', action: 'notify', params: { toRole: 'DM_CENTER', message: '警示已撤消，请登记造册' } }, 13, 1)
    .node({ id: 'end_cleared', kind: 'end', name: '警示撤消', outcome: 'cleared' }, 14, 1);

  b.edge('start', 'report')
    .edge('report', 'gw_level', { outcome: 'report' })
    .edge('gw_level', 'light_red', { condition: 'data.warning_level == "red"', label: '红灯' })
    .edge('gw_level', 'light_yellow', { default: true, label: '黄灯' })
    .edge('light_yellow', 'warning_notice')
    .edge('light_red', 'warning_notice')
    .edge('warning_notice', 'recheck')
    .edge('recheck', 'clear_warning', { outcome: 'improved' })
    .edge('recheck', 'recheck', { outcome: 'continue' })
    .edge('recheck', 'light_red_escalated', { outcome: 'worsened' })
    .edge('light_red_escalated', 'center_order')
    .edge('center_order', 'order_notice', { outcome: 'issue' })
    .edge('order_notice', 'rectify')
    .edge('rectify', 'center_accept', { outcome: 'done' })
    .edge('center_accept', 'clear_warning', { outcome: 'pass' })
    .edge('center_accept', 'rectify', { outcome: 'fail' })
    .edge('clear_warning', 'light_green', { outcome: 'clear' })
    .edge('light_green', 'register_center')
    .edge('register_center', 'end_cleared');

  return b.build();
}
