/**
 * 村级班子“动态管理110” 预警 (domain/procedures.md §5, SEED:004): 动态管理员亮灯 →
 *  - 红灯 (acute): straight to the county 中心, which 责成 the responsible department to lead and/or
 *    sends a 工作组; the 限期整改通知 is addressed to that department (§5.4 correction 2026-12);
 *  - 黄灯: 乡镇站 警示通知 and 跟踪复查, while a 30-day watch runs: still yellow after 30 days →
 *    红灯审查 by the 中心 (§5.4 [DEFAULT]); worsening → the 中心 as for red;
 * → 好转 → 撤销警示 (green) → 中心 登记造册, where 迟报/漏报/瞒报 are counted per person and year
 * (§5.5) with the sanction of the running count.
 * The village's warning light is its own light (CaseState.warningLight, memo `warning`), apart from
 * the case's deadline health.
 */
import { action, days, deadline, DefinitionBuilder, hours } from './builder.js';

export function dongtaiYujing() {
  const b = new DefinitionBuilder({
    key: 'dongtai-yujing',
    title: '村级班子动态管理预警',
    category: '动态管理',
    summaryFields: ['indicator', 'warning_level'],
    description:
      '村级班子“动态管理110”（procedures.md §5，SEED:004 菏泽）。村动态管理员在指标发生变化时录入并亮灯（黄：进入警示；红：急需治理整顿），市县乡图版同时警示。' +
      '红灯立即上报县中心：中心责成问题涉及的部门牵头解决（“涉及哪个部门，就由哪个部门牵头解决并负责到底”）或派工作组，限期整改通知发给责任部门；黄灯由乡镇动态管理站发出警示通知并跟踪复查，恶化或教育说服无效的上报县中心，黄灯30日（参数）仍未解除的由中心进行红灯审查。' +
      '好转或消除 → 动态管理员撤销警示，村灯恢复绿色 → 中心登记造册，核定迟报、漏报、瞒报并按本人本年度累计条数处理（1条扣发当月奖金，2条通报批评并扣发半年奖金，3条以上停岗半年并扣发全年奖金，SEED:004 曹县）。' +
      '村的预警灯是村的属性，与案件办理时限的健康灯分开显示：任务超期不会把村灯变红。时限均非种子材料所定，为默认参数（§5.4）。',
  });

  b.roleList('DM_OFFICER', 'INFO_OFFICER', 'DM_STATION', 'DM_CENTER', 'VIL_PARTY', 'TWN_SEC', 'TWN_DEPT').role('COUNTY_DEPT', {
    name: '县直责任部门（牵头单位）',
    level: 'county',
    description: '县中心责成牵头解决问题的部门（民政、国土、司法、公安等），限期整改通知的受文单位（SEED:004 佃户屯、孔庄案例）。',
  });
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
    .field('red_review_record', '红灯审查意见', 'longText')
    .field('problems', '存在问题（县中心核定）', 'longText')
    .field('requirement', '整改要求', 'longText')
    .field('recipient', '责任部门（限期整改通知受文单位）', 'text', { maxLength: 100 })
    .select('responsible_level', '牵头层级', [
      ['county_dept', '县直部门牵头（难题）'],
      ['township', '乡镇牵头（易题）'],
    ])
    .field('work_team', '派出工作组（组成与任务）', 'longText')
    .field('dispatched', '县中心已责成处理', 'boolean')
    .field('rectification_record', '整改情况', 'longText')
    .field('acceptance_record', '中心验收意见', 'longText')
    .field('clearance_record', '撤销警示记录', 'longText')
    .select('lapse_kind', '报送问题（迟报、漏报、瞒报）', [
      ['none', '无'],
      ['late', '迟报'],
      ['omitted', '漏报'],
      ['concealed', '瞒报'],
    ])
    .field('lapse_person', '报送责任人', 'person', { description: '动态管理员或信息员的用户标识；按本人本年度累计条数处理。' })
    .field('lapse_count', '本人本年度累计条数', 'number', { min: 0 })
    .field('lapse_sanction', '处理意见', 'text');

  b.param({ key: 'report_hours', label: '重要信息录入上报时限（小时）', type: 'number', default: 24, min: 1, provenance: 'DEFAULT', source: 'procedures.md §5.4：重要信息上报 ≤24小时 [DEFAULT]；迟报按 §5.5 处理' })
    .param({ key: 'recheck_days', label: '警示通知后复查时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: 'procedures.md §5.4：警示通知→首次复查 ≤7日 [DEFAULT]' })
    .param({ key: 'yellow_review_days', label: '黄灯未解除转红灯审查（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: 'procedures.md §5.4：黄灯超过30日未解除，自动升级红灯审查 [DEFAULT]' })
    .param({ key: 'review_days', label: '中心红灯审查时限（日）', type: 'number', default: 3, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'order_days', label: '中心责成处理、发出限期整改通知时限（日）', type: 'number', default: 3, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'rectification_days', label: '限期整改期限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: 'procedures.md §5.4：限期整改30日，中心另定的除外 [DEFAULT]' })
    .param({ key: 'acceptance_days', label: '整改验收时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'clear_days', label: '撤销警示时限（日）', type: 'number', default: 2, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'register_days', label: '中心登记造册时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' });

  const dflt = (param: string, amount: number, extra: { escalateToRole?: string; reminders?: ReturnType<typeof days>[] } = {}) =>
    deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, ...extra });
  const light = (id: string, name: string, level: 'green' | 'yellow' | 'red', reason: string, col: number, row: number) =>
    b.node({ id, kind: 'service', name, action: 'light', params: { level, reason } }, col, row);
  const center = { type: 'role' as const, role: 'DM_CENTER', scope: 'county' as const };

  b.node({ id: 'start', kind: 'start', name: '指标发生变化' }, 0, 2)
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
      2,
    )
    .node({ id: 'gw_level', kind: 'gateway', gateway: 'exclusive', name: '警示等级' }, 2, 2);
  light('light_red', '亮红灯', 'red', '动态管理预警：红灯（急需治理整顿）', 3, 4);
  b.node({ id: 'report_center', kind: 'service', name: '红灯立即上报县中心', action: 'notify', params: { toRole: 'DM_CENTER', message: '红灯预警：急需治理整顿，请县中心立即责成责任部门牵头处理或派出工作组（SEED:004）。' } }, 4, 4);
  light('light_yellow', '亮黄灯', 'yellow', '动态管理预警：黄灯（进入警示状态）', 3, 1);
  b.node({ id: 'warning_notice', kind: 'service', name: '乡镇站发出警示通知', action: 'notice', params: { template: 'warning-notice', title: '村级班子动态管理警示通知' } }, 4, 1)
    .node({ id: 'split_yellow', kind: 'gateway', gateway: 'parallelSplit', name: '跟踪复查与30日黄灯审查' }, 5, 1)
    .node(
      {
        id: 'recheck',
        kind: 'task',
        name: '乡镇站跟踪复查',
        stage: '复查',
        description: '登记台帐、跟踪复查：好转/消除 → 撤销警示；仍在整改 → 继续复查；恶化或教育说服无效、发现重大情况/上访苗头 → 立即上报县中心；县中心已接管处理的，结束本站复查。',
        assignment: { type: 'role', role: 'DM_STATION', scope: 'township' },
        form: ['recheck_record'],
        requiredFields: ['recheck_record'],
        deadline: dflt('recheck_days', 7, { reminders: [days(1)], escalateToRole: 'DM_CENTER' }),
        actions: [
          action('improved', '已好转/消除'),
          action('continue', '继续整改复查'),
          action('worsened', '恶化或整改无效，上报县中心', { approve: false, requireComment: true }),
          action('center_took_over', '县中心已接管，结束本站复查', { approve: false }),
        ],
      },
      6,
      0,
    )
    .node({ id: 'yellow_watch', kind: 'timer', name: '黄灯30日未解除', description: '黄灯期间计时，30日（参数）仍未解除的转县中心红灯审查（procedures.md §5.4 [DEFAULT]）。', duration: days(30, 'yellow_review_days') }, 6, 2)
    .node({ id: 'gw_watch', kind: 'gateway', gateway: 'exclusive', name: '县中心是否已在处理' }, 7, 2);
  light('light_red_review', '升为红灯（待审查）', 'red', '动态管理预警：黄灯逾期未解除，升为红灯审查', 8, 2);
  b.node(
    {
      id: 'red_review',
      kind: 'task',
      name: '县中心红灯审查',
      stage: '红灯审查',
      description: '黄灯逾期仍未解除：中心审查是否转入红灯治理（责成部门牵头、派工作组）；情况可控的维持黄灯、继续跟踪。',
      assignment: center,
      form: ['red_review_record'],
      requiredFields: ['red_review_record'],
      deadline: dflt('review_days', 3),
      actions: [action('dispatch', '转入红灯治理'), action('keep_yellow', '维持黄灯，继续跟踪', { approve: false, requireComment: true })],
    },
    9,
    2,
  );
  light('light_yellow_kept', '维持黄灯', 'yellow', '动态管理预警：黄灯（中心审查后继续跟踪）', 9, 3);
  b.node({ id: 'join_yellow', kind: 'gateway', gateway: 'parallelJoin', name: '复查与审查结束', pairedWith: 'split_yellow' }, 8, 0);
  light('light_red_escalated', '升为红灯', 'red', '动态管理预警：警示指标恶化，升为红灯', 7, 4);
  b.node(
    {
      id: 'center_dispatch',
      kind: 'task',
      name: '县中心责成处理',
      stage: '限期整改',
      description: '“涉及哪个部门，就由哪个部门牵头解决并负责到底”：中心核定问题，责成责任部门牵头（难题由县直涉农部门，易题由乡镇），需要时派出工作组；限期整改通知发给责任部门（SEED:004）。',
      assignment: center,
      form: ['problems', 'requirement', 'recipient', 'responsible_level', 'work_team'],
      requiredFields: ['problems', 'requirement', 'recipient', 'responsible_level'],
      deadline: dflt('order_days', 3),
      actions: [action('charge', '责成责任部门牵头，发出限期整改通知')],
    },
    10,
    4,
  )
    .node({ id: 'mark_dispatched', kind: 'service', name: '记录中心已责成处理', action: 'setData', params: { set: { dispatched: 'true' } } }, 11, 4)
    .node({ id: 'order_notice', kind: 'service', name: '限期整改通知书（致责任部门）', action: 'notice', params: { template: 'rectification-notice', title: '限期整改通知书' } }, 12, 4)
    .node({ id: 'gw_resp', kind: 'gateway', gateway: 'exclusive', name: '牵头层级' }, 13, 4)
    .node(
      {
        id: 'rectify_dept',
        kind: 'task',
        name: '责任部门限期整改',
        stage: '限期整改',
        description: '县直责任部门牵头解决并负责到底；工作组（如派出）参与。',
        assignment: { type: 'role', role: 'COUNTY_DEPT', scope: 'county' },
        form: ['rectification_record'],
        requiredFields: ['rectification_record'],
        deadline: dflt('rectification_days', 30, { reminders: [days(5), days(1)], escalateToRole: 'DM_CENTER' }),
        actions: [action('done', '整改完成，申请验收')],
      },
      14,
      3,
    )
    .node(
      {
        id: 'rectify_township',
        kind: 'task',
        name: '乡镇牵头限期整改',
        stage: '限期整改',
        description: '较易解决的问题由乡镇相关科办牵头解决并负责到底。',
        assignment: { type: 'role', role: 'TWN_DEPT', scope: 'township' },
        form: ['rectification_record'],
        requiredFields: ['rectification_record'],
        deadline: dflt('rectification_days', 30, { reminders: [days(5), days(1)], escalateToRole: 'DM_CENTER' }),
        actions: [action('done', '整改完成，申请验收')],
      },
      14,
      5,
    )
    .node(
      {
        id: 'center_accept',
        kind: 'task',
        name: '县中心整改验收',
        stage: '限期整改',
        assignment: center,
        form: ['acceptance_record'],
        requiredFields: ['acceptance_record'],
        deadline: dflt('acceptance_days', 7),
        actions: [action('pass', '验收通过'), action('fail', '未整改到位，继续限期整改', { approve: false, requireComment: true })],
      },
      15,
      4,
    )
    .node(
      {
        id: 'clear_warning',
        kind: 'task',
        name: '撤销警示',
        stage: '撤销警示',
        description: '好转或消除后详实记录，由村动态管理员撤销警示（SEED:004）。',
        assignment: { type: 'role', role: 'DM_OFFICER', scope: 'case' },
        form: ['clearance_record'],
        requiredFields: ['clearance_record'],
        deadline: dflt('clear_days', 2),
        actions: [action('clear', '撤销警示')],
      },
      16,
      1,
    );
  light('light_green', '恢复绿灯', 'green', '警示已撤销', 17, 1);
  b.node(
    {
      id: 'center_register',
      kind: 'task',
      name: '县中心登记造册',
      stage: '登记造册',
      description: '中心登记造册，并核定本次信息是否迟报、漏报、瞒报（乡镇未及时上报指标变化的记录备案）；有的按责任人本年度累计条数处理（SEED:004）。',
      assignment: center,
      form: ['lapse_kind', 'lapse_person'],
      requiredFields: ['lapse_kind'],
      deadline: dflt('register_days', 7),
      actions: [action('registered', '已登记造册')],
    },
    18,
    1,
  )
    .node({ id: 'gw_lapse', kind: 'gateway', gateway: 'exclusive', name: '是否有迟报、漏报、瞒报' }, 19, 1)
    .node(
      {
        id: 'record_lapse',
        kind: 'service',
        name: '记入报送问题台账（本人本年度累计）',
        action: 'callout',
        params: { name: 'reporting-lapse', resultFields: { lapse_count: 'count', lapse_sanction: 'sanction' } },
      },
      20,
      2,
    )
    .node({ id: 'gw_sanction', kind: 'gateway', gateway: 'exclusive', name: '累计条数' }, 21, 2)
    .node({ id: 'sanction_1', kind: 'service', name: '批评教育，扣发当月奖金', action: 'notify', params: { toRole: 'DM_STATION', message: '迟报、漏报、瞒报重要信息1条：批评教育，扣发当月奖金（SEED:004 曹县）。' } }, 22, 1)
    .node({ id: 'sanction_2', kind: 'service', name: '全县通报批评，扣发半年奖金', action: 'notify', params: { toRole: 'DM_STATION', message: '本年度累计迟报、漏报、瞒报2条：全县通报批评，扣发半年奖金（SEED:004 曹县）。' } }, 22, 2)
    .node({ id: 'sanction_3', kind: 'service', name: '停岗半年，扣发全年奖金', action: 'notify', params: { toRole: 'DM_STATION', message: '本年度累计迟报、漏报、瞒报3条以上：停岗半年，扣发全年奖金（SEED:004 曹县）。' } }, 22, 3)
    .node({ id: 'end_cleared', kind: 'end', name: '警示撤销', outcome: 'cleared' }, 23, 1);

  b.edge('start', 'report')
    .edge('report', 'gw_level', { outcome: 'report' })
    .edge('gw_level', 'light_red', { condition: 'data.warning_level == "red"', label: '红灯：立即上报县中心' })
    .edge('gw_level', 'light_yellow', { default: true, label: '黄灯' })
    .edge('light_red', 'report_center')
    .edge('report_center', 'center_dispatch')
    .edge('light_yellow', 'warning_notice')
    .edge('warning_notice', 'split_yellow')
    .edge('split_yellow', 'recheck')
    .edge('split_yellow', 'yellow_watch')
    .edge('recheck', 'clear_warning', { outcome: 'improved' })
    .edge('recheck', 'recheck', { outcome: 'continue' })
    .edge('recheck', 'light_red_escalated', { outcome: 'worsened' })
    .edge('recheck', 'join_yellow', { outcome: 'center_took_over' })
    .edge('light_red_escalated', 'center_dispatch')
    .edge('yellow_watch', 'gw_watch')
    .edge('gw_watch', 'join_yellow', { condition: 'data.dispatched == true', label: '中心已在处理' })
    .edge('gw_watch', 'light_red_review', { default: true, label: '逾期未解除' })
    .edge('light_red_review', 'red_review')
    .edge('red_review', 'center_dispatch', { outcome: 'dispatch' })
    .edge('red_review', 'light_yellow_kept', { outcome: 'keep_yellow' })
    .edge('light_yellow_kept', 'yellow_watch')
    .edge('join_yellow', 'center_dispatch')
    .edge('center_dispatch', 'mark_dispatched', { outcome: 'charge' })
    .edge('mark_dispatched', 'order_notice')
    .edge('order_notice', 'gw_resp')
    .edge('gw_resp', 'rectify_township', { condition: 'data.responsible_level == "township"', label: '乡镇牵头' })
    .edge('gw_resp', 'rectify_dept', { default: true, label: '县直部门牵头' })
    .edge('rectify_dept', 'center_accept', { outcome: 'done' })
    .edge('rectify_township', 'center_accept', { outcome: 'done' })
    .edge('center_accept', 'clear_warning', { outcome: 'pass' })
    .edge('center_accept', 'gw_resp', { outcome: 'fail' })
    .edge('clear_warning', 'light_green', { outcome: 'clear' })
    .edge('light_green', 'center_register')
    .edge('center_register', 'gw_lapse', { outcome: 'registered' })
    .edge('gw_lapse', 'record_lapse', { condition: 'data.lapse_kind != null && data.lapse_kind != "none" && data.lapse_person != null', label: '有' })
    .edge('gw_lapse', 'end_cleared', { default: true, label: '无' })
    .edge('record_lapse', 'gw_sanction')
    .edge('gw_sanction', 'sanction_3', { condition: 'data.lapse_count >= 3.0', label: '≥3条' })
    .edge('gw_sanction', 'sanction_2', { condition: 'data.lapse_count == 2.0', label: '2条' })
    .edge('gw_sanction', 'sanction_1', { default: true, label: '1条' })
    .edge('sanction_1', 'end_cleared')
    .edge('sanction_2', 'end_cleared')
    .edge('sanction_3', 'end_cleared');

  return b.build();
}
