/**
 * 信访限时办理 (domain/procedures.md §4): 首问登记, 个体访/群体访 分流, 受理 15 日, 办理 60 日,
 * 延期 ≤30 日, 书面答复, 回访, 复查/复核 (30 日申请期 + 30 日答复, 听证不计), 终结.
 */
import type { Deadline } from '../../dsl/schema.js';
import { action, days, deadline, DefinitionBuilder, dur, hours, REMIND_5_1 } from './builder.js';

const XF = '信访工作条例（2022）';

export function xinfang() {
  const b = new DefinitionBuilder({
    key: 'xinfang',
    title: '信访限时办理',
    category: '信访',
    summaryFields: ['summary', 'visit_form'],
    description:
      '信访事项限时办理（procedures.md §4）。首问责任人登记后立即开始受理审查（15日），同时按人数、情绪、矛盾是否突出和有无违反信访秩序行为分流接待：5人以上（参数）、情绪激动或冲动（含个体访）、信访矛盾比较突出，或有违反信访秩序行为（越级走访、聚集、堵路等）→ 分管信访领导直接接待，村负责人第一时间赶赴现场（并行）；5人以下且情绪稳定的群体访由信访接待中心先接待，视情逐级报告分管该事项领导、分管信访领导直至主要领导。' +
      '受理后60日内办结，经批准可延期不超过30日；书面答复后回访；信访人可在30日内请求复查、收到复查意见后30日内请求复核（申请期由任务时限实现，期满未申请自动视为不申请），复查、复核机关30日内答复；复核后同一事实和理由不再受理（终结）。' +
      '复核听证期间不计入30日：复核机关举行听证时对案件执行“中止”（suspend），听证结束“恢复”（resume），期限按中止时长顺延，台账留痕。' +
      '法定期限（15/60/30日）按自然日计算且不作为参数（条例用“日”，procedures.md §0.3）；个别地方按工作日计算的做法（§10 第13条）本流程未提供切换。',
  });

  // 首问责任人: whoever first receives the petitioner registers it — 信访办, the leaders, the 科办, the village head (SEED:000,004).
  // Not the petitioner: the 登记 task is the initiator's. The petitioner follows their case through
  // `subjectField` once the 首问 officer records their account.
  b.subjectField('petitioner_account');
  b.starterRoles('TWN_XF_OFFICE', 'TWN_XF_LEADER', 'TWN_SEC', 'TWN_DEPT', 'VIL_COMM');
  b.roleList('TWN_XF_OFFICE', 'TWN_XF_LEADER', 'TWN_SEC', 'TWN_DEPT', 'VIL_COMM', 'PETITIONER')
    .role('TWN_MATTER_LEADER', {
      name: '分管该事项的镇领导',
      level: 'township',
      description: '信访事项所涉工作的分管领导：小群体访逐级报告的第一级（SEED:000：视情向信访事项的分管领导、分管信访的领导直至主要领导报告）。',
    })
    .role('COUNTY_XF', {
      name: '复查机关（原办理机关的上一级机关）',
      level: 'county',
      description: '复查机关是原办理机关的上一级机关（信访工作条例），乡镇办理的事项一般为县（区）级人民政府或其工作部门，不必是县信访局。受理复查请求、30日内出具复查意见。',
    })
    .role('XF_REEXAM', {
      name: '复核机关（复查机关的上一级机关）',
      level: 'county',
      description: '复核机关是复查机关的上一级机关（再上一级）；演示数据中挂在县级单位。30日内出具复核意见，听证时间不计入。',
    });

  b.field('petitioner', '信访人姓名', 'text', { required: true, sensitive: true })
    .field('petitioner_account', '信访人账户', 'person', { sensitive: true, description: '信访人在本系统有账户时（如网上信访）填写：信访人可查看本案件的办理进度。' })
    .field('petitioner_phone', '联系电话', 'text', { sensitive: true })
    .field('petitioner_address', '住址', 'text', { sensitive: true })
    .select('visit_form', '信访形式', [
      ['visit', '走访'],
      ['letter', '来信'],
      ['online', '网上信访'],
      ['phone', '电话'],
    ])
    .field('person_count', '来访人数', 'number', { required: true, min: 1 })
    .field('representatives', '信访代表（不超过5人）', 'text', { sensitive: true, description: '多人走访应推选代表，代表人数不超过5人（信访工作条例）。代表姓名与信访人身份同样只向信访岗位显示。' })
    .select('emotional_state', '情绪状态', [
      ['stable', '稳定'],
      ['agitated', '较激动'],
      ['impulsive', '冲动'],
    ], { required: true })
    .field('abnormal_visit', '违反信访秩序行为（越级走访、聚集、堵路等）', 'boolean')
    .field('conflict_prominent', '信访矛盾比较突出', 'boolean', { description: '矛盾比较突出的信访（SEED:000）由分管信访领导牵头直接接待。' })
    .field('summary', '信访事项摘要', 'text', { required: true, maxLength: 200 })
    .field('petition_content', '诉求内容', 'longText', { required: true })
    .field('reception_record', '接谈记录', 'longText')
    .field('on_site_record', '村负责人现场处置记录', 'longText')
    .select('acceptance', '受理决定', [
      ['accept', '受理，交办承办单位'],
      ['redirect', '诉访分离：告知通过诉讼、仲裁、行政复议等法定途径'],
      ['reject', '不予受理'],
    ], { required: true })
    .field('acceptance_reason', '受理/不受理理由', 'longText')
    .field('is_difficult', '疑难复杂（领导包案、背靠背会商）', 'boolean')
    .field('handling_dept', '承办科办（中心）', 'text')
    .field('consult_minutes', '背靠背会商纪要（分析研判、方案、分工）', 'longText')
    .field('case_leader', '包案领导', 'person')
    .field('case_plan', '包案方案（一名领导、一帮人员、一套方案、限期办结）', 'longText')
    .field('findings', '调查核实情况', 'longText')
    .field('decision', '处理意见', 'longText')
    .field('reviewOrgan', '复查机关（原办理机关的上一级机关，告知信访人）', 'text', { description: '书面答复中告知的复查机关：原办理机关的上一级机关，如乡镇办理的事项为“余杭区人民政府”或其主管部门。' })
    .field('extension_reason', '延期理由', 'longText')
    .select('satisfaction', '回访满意度', [
      ['satisfied', '满意'],
      ['basic', '基本满意'],
      ['unsatisfied', '不满意'],
    ])
    .field('revisit_record', '回访记录', 'longText')
    .field('reply_served_on', '书面答复送达日期', 'date', { description: '处理意见书送达信访人之日：复查申请期（30日）自该日起算。' })
    .field('review_served_on', '复查意见送达日期', 'date', { description: '复查意见书送达信访人之日：复核申请期（30日）自该日起算。' })
    .field('review_opinion', '复查意见', 'longText')
    .field('reexam_opinion', '复核意见', 'longText')
    .field('hearing_held', '复核举行听证', 'boolean')
    .field('xf_final', '已复核终结', 'boolean');

  b.param({
    key: 'large_group_threshold',
    label: '大群体访人数界限（人数达到即由分管信访领导接待）',
    type: 'number',
    default: 5,
    min: 2,
    provenance: 'UNCERTAIN',
    source: 'SEED:000：“5人以下”小群体、“5人以上”大群体',
    note: '群体访在恰好5人时的归属不明：种子材料“5人以下”和“5人以上”按民法典第1259条都包含5（procedures.md §10 第3条）。默认5人即为大群体，与信访条例“代表不超过5人”一致。',
  })
    .param({ key: 'register_hours', label: '首问登记时限（小时）', type: 'number', default: 24, min: 1, provenance: 'DEFAULT', source: '首问责任制（SEED:000,004）；时限为默认值' })
    .param({ key: 'reception_hours', label: '接待时限（小时）', type: 'number', default: 24, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'leader_reception_hours', label: '分管信访领导接待时限（小时）', type: 'number', default: 2, min: 1, provenance: 'DEFAULT', source: 'procedures.md §5.4：突发/群体性 ≤2小时（第一时间）[DEFAULT]' })
    .param({ key: 'village_on_site_minutes', label: '村负责人赶赴现场时限（分钟）', type: 'number', default: 60, min: 1, provenance: 'DEFAULT', source: 'procedures.md §4.5：村(社区)负责人第一时间到场（默认≤1小时）' })
    .param({ key: 'consult_days', label: '背靠背会商时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'case_lead_days', label: '包案登记时限（日）', type: 'number', default: 3, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'extension_approval_days', label: '延期审批时限（日）', type: 'number', default: 3, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'revisit_days', label: '回访时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: 'SEED:004 跟踪回访；时限为默认值' })
    .param({ key: 'service_record_days', label: '送达日期登记时限（日）', type: 'number', default: 3, min: 1, provenance: 'DEFAULT', source: '默认：送达后及时登记送达日期' });

  const stat = (amount: number, source: string, escalateToRole: string, clock: Pick<Deadline, 'anchor' | 'cap' | 'extensionOf'> = {}) =>
    deadline(days(amount), { provenance: 'STAT', source: `${XF}：${source}`, reminders: REMIND_5_1, escalateToRole, ...clock });
  // 受理 = the 受理审查 decision: 办理 counts 60 日 from it; 办理 + 延期 never beyond 90 日 from it.
  const ACCEPTED = { kind: 'nodeCompleted', nodeId: 'accept_decision' } as const;
  const within = (amount: number, source: string) => ({ anchor: ACCEPTED, duration: days(amount), source: `${XF}：${source}` });
  // The office records the day a written reply was served: the petitioner's window counts from it.
  const served = (id: string, name: string, stage: string, field: string, description: string) => ({
    id,
    kind: 'task' as const,
    name,
    stage,
    description,
    assignment: { type: 'role' as const, role: 'TWN_XF_OFFICE', scope: 'township' as const },
    form: [field],
    requiredFields: [field],
    deadline: deadline(days(3, 'service_record_days'), { provenance: 'DEFAULT', source: '参数 service_record_days' }),
    actions: [action('recorded', '已送达')],
  });
  // A request window is the petitioner's right: neither lengthened nor shortened.
  const window = (field: string, source: string) =>
    deadline(days(30), {
      provenance: 'STAT',
      source: `${XF}：${source}`,
      anchor: { kind: 'field', field },
      min: days(30),
      timeoutAction: 'autoPass',
      warnAtFraction: 0.99,
    });

  b.node({ id: 'start', kind: 'start', name: '来访/来信' }, 0, 3)
    .node(
      {
        id: 'register',
        kind: 'task',
        name: '首问登记',
        stage: '登记',
        description: '首问责任人（发起人）登记、引导、告知，负责到有书面交接为止（首问责任制）。',
        assignment: { type: 'initiator' },
        form: ['petitioner', 'petitioner_account', 'petitioner_phone', 'petitioner_address', 'visit_form', 'person_count', 'representatives', 'emotional_state', 'abnormal_visit', 'conflict_prominent', 'summary', 'petition_content'],
        requiredFields: ['petitioner', 'person_count', 'emotional_state', 'summary', 'petition_content'],
        deadline: deadline(hours(24, 'register_hours'), { provenance: 'DEFAULT', source: '参数 register_hours', escalateToRole: 'TWN_XF_OFFICE' }),
        actions: [action('register', '登记')],
      },
      1,
      3,
    )
    .node({ id: 'split_intake', kind: 'gateway', gateway: 'parallelSplit', name: '接待与受理审查并行' }, 2, 3)
    .node({ id: 'gw_route', kind: 'gateway', gateway: 'exclusive', name: '个体访/群体访分流' }, 3, 1)
    .node({ id: 'split_large', kind: 'gateway', gateway: 'parallelSplit', name: '大群体：领导接待、村负责人到场' }, 4, 0)
    .node(
      {
        id: 'leader_reception',
        kind: 'task',
        name: '分管信访领导直接接待',
        stage: '接待',
        description: '5人以上、情绪激动或冲动（个体访亦同）、信访矛盾比较突出，或有违反信访秩序行为（越级走访、聚集、堵路等）：分管信访领导牵头协调相关部门直接接待（SEED:000）。',
        assignment: { type: 'role', role: 'TWN_XF_LEADER', scope: 'township' },
        form: ['reception_record'],
        requiredFields: ['reception_record'],
        deadline: deadline(hours(2, 'leader_reception_hours'), { provenance: 'DEFAULT', source: '参数 leader_reception_hours', escalateToRole: 'TWN_SEC' }),
        actions: [action('received', '接待完毕')],
      },
      5,
      -1,
    )
    .node(
      {
        id: 'village_on_site',
        kind: 'task',
        name: '村负责人赶赴现场',
        stage: '接待',
        description: '所在村（社区）负责人第一时间赶赴现场处理，将集体访及有违反信访秩序行为的人员劝返带回（SEED:000）。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['on_site_record'],
        requiredFields: ['on_site_record'],
        deadline: deadline(dur(60, 'minutes', 'village_on_site_minutes'), { provenance: 'DEFAULT', source: '参数 village_on_site_minutes', escalateToRole: 'TWN_XF_LEADER' }),
        actions: [action('on_site', '已到场处置')],
      },
      5,
      0,
    )
    .node({ id: 'join_large', kind: 'gateway', gateway: 'parallelJoin', name: '大群体接待完毕', pairedWith: 'split_large' }, 6, 0)
    .node(
      {
        id: 'group_reception',
        kind: 'task',
        name: '信访接待中心接待（小群体）',
        stage: '接待',
        description: '5人以下且情绪稳定：引导至镇信访接待中心，相关科办工作人员第一时间接待；视情逐级报告。',
        assignment: { type: 'role', role: 'TWN_XF_OFFICE', scope: 'township' },
        form: ['reception_record'],
        requiredFields: ['reception_record'],
        deadline: deadline(hours(24, 'reception_hours'), { provenance: 'DEFAULT', source: '参数 reception_hours', escalateToRole: 'TWN_XF_LEADER' }),
        actions: [action('received', '接待完毕'), action('report_up', '报告分管该事项领导')],
      },
      4,
      1,
    )
    .node(
      {
        id: 'matter_leader_reception',
        kind: 'task',
        name: '分管该事项领导接待（逐级报告）',
        stage: '接待',
        description: '逐级报告的第一级：信访事项的分管领导接待；需要时再报告分管信访的领导（SEED:000）。',
        assignment: { type: 'role', role: 'TWN_MATTER_LEADER', scope: 'township' },
        form: ['reception_record'],
        deadline: deadline(hours(24, 'reception_hours'), { provenance: 'DEFAULT', source: '参数 reception_hours', escalateToRole: 'TWN_XF_LEADER' }),
        actions: [action('received', '接待完毕'), action('report_xf_leader', '报告分管信访领导')],
      },
      4.5,
      0.5,
    )
    .node(
      {
        id: 'leader_escalated',
        kind: 'task',
        name: '分管信访领导接待（逐级报告）',
        stage: '接待',
        assignment: { type: 'role', role: 'TWN_XF_LEADER', scope: 'township' },
        form: ['reception_record'],
        deadline: deadline(hours(24, 'reception_hours'), { provenance: 'DEFAULT', source: '参数 reception_hours', escalateToRole: 'TWN_SEC' }),
        actions: [action('received', '接待完毕'), action('report_main', '报告主要领导')],
      },
      5,
      1,
    )
    .node(
      {
        id: 'main_leader',
        kind: 'task',
        name: '主要领导接待',
        stage: '接待',
        assignment: { type: 'role', role: 'TWN_SEC', scope: 'township' },
        form: ['reception_record'],
        deadline: deadline(hours(24, 'reception_hours'), { provenance: 'DEFAULT', source: '参数 reception_hours' }),
        actions: [action('received', '接待完毕')],
      },
      6,
      1,
    )
    .node(
      {
        id: 'office_reception',
        kind: 'task',
        name: '信访办接待（个体访）',
        stage: '接待',
        assignment: { type: 'role', role: 'TWN_XF_OFFICE', scope: 'township' },
        form: ['reception_record'],
        requiredFields: ['reception_record'],
        deadline: deadline(hours(24, 'reception_hours'), { provenance: 'DEFAULT', source: '参数 reception_hours', escalateToRole: 'TWN_XF_LEADER' }),
        actions: [action('received', '接待完毕')],
      },
      4,
      2,
    )
    .node(
      {
        id: 'accept_decision',
        kind: 'task',
        name: '受理审查',
        stage: '受理',
        description: '收到信访事项之日起15日内登记并决定受理、交办或告知（信访工作条例；自然日，末日为法定节假日的顺延）。依法应通过诉讼、仲裁、行政复议解决的，告知法定途径（诉访分离）。',
        assignment: { type: 'role', role: 'TWN_XF_OFFICE', scope: 'township' },
        form: ['acceptance', 'acceptance_reason', 'is_difficult', 'handling_dept'],
        requiredFields: ['acceptance'],
        deadline: stat(15, '收到信访事项之日起15日内告知受理情况', 'TWN_XF_LEADER', { anchor: { kind: 'caseStarted' } }),
        actions: [action('decide', '作出受理决定')],
      },
      4,
      4,
    )
    .node({ id: 'join_intake', kind: 'gateway', gateway: 'parallelJoin', name: '接待与受理完成', pairedWith: 'split_intake' }, 7, 3)
    .node({ id: 'gw_accept', kind: 'gateway', gateway: 'exclusive', name: '是否受理' }, 8, 3)
    .node({ id: 'not_accepted_notice', kind: 'service', name: '书面告知不予受理/法定途径', action: 'notice', params: { template: 'generic', title: '信访事项不予受理（告知法定途径）告知书' } }, 8, 5)
    .node({ id: 'acceptance_notice', kind: 'service', name: '书面告知受理', action: 'notice', params: { template: 'acceptance-notice', title: '信访事项受理告知书', dueOf: 'handle' } }, 9, 2)
    .node({ id: 'split_handle', kind: 'gateway', gateway: 'parallelSplit', name: '办理与包案并行' }, 9, 3)
    .node(
      {
        id: 'handle',
        kind: 'task',
        name: '承办单位办理',
        stage: '办理',
        description: '自受理之日起60日内办结，出具书面处理意见；到期前5日、1日提醒（催办），逾期未办结由信访办督办。情况复杂的，经负责人批准可延期，延期不超过30日。',
        assignment: { type: 'role', role: 'TWN_DEPT', scope: 'township' },
        form: ['findings', 'decision', 'reviewOrgan', 'extension_reason'],
        requiredFields: ['decision'],
        // The generic 延期 on this task is the statute's one extension of ≤30 days (and the 90-day cap
        // from 受理 bounds it whatever is asked); the 申请延期 path below is the same extension with
        // its approval recorded — a case takes one or the other.
        deadline: { ...stat(60, '自受理之日起60日内办结', 'TWN_XF_OFFICE', { anchor: ACCEPTED, cap: within(90, '办理60日 + 延期不超过30日') }), maxExtension: { amount: 30, unit: 'calendarDays' }, maxExtensions: 1 },
        actions: [action('done', '办结，出具处理意见'), action('request_extension', '申请延期', { approve: false, requireComment: true })],
      },
      10,
      2,
    )
    .node(
      {
        id: 'extension_approval',
        kind: 'task',
        name: '延期审批',
        stage: '办理',
        description: '本机关负责人批准延期（包案件由党政一把手批准）；不批准的退回承办单位继续办理。',
        assignment: { type: 'role', role: 'TWN_SEC', scope: 'township' },
        deadline: deadline(days(3, 'extension_approval_days'), { provenance: 'DEFAULT', source: '参数 extension_approval_days', cap: within(60, '延期须在60日办理期限内批准') }),
        actions: [action('approve', '批准延期'), action('reject', '不批准', { approve: false, requireComment: true })],
      },
      11,
      1,
    )
    .node({ id: 'extension_notice', kind: 'service', name: '告知信访人延期理由', action: 'notice', params: { template: 'generic', title: '信访事项延期办理告知书' } }, 12, 1)
    .node(
      {
        id: 'handle_extended',
        kind: 'task',
        name: '延期办理',
        stage: '办理',
        description: '延长期限不得超过30日（信访工作条例），不可配置：延期后的期限为自受理之日起90日，无论何时申请、何时批准；延期记入期限台账（批准人）。',
        assignment: { type: 'role', role: 'TWN_DEPT', scope: 'township' },
        form: ['findings', 'decision', 'reviewOrgan'],
        requiredFields: ['decision'],
        deadline: {
          ...stat(90, '自受理之日起60日，延长期限不得超过30日', 'TWN_XF_OFFICE', {
            anchor: ACCEPTED,
            cap: within(90, '办理60日 + 延期不超过30日'),
            extensionOf: { nodeId: 'handle', approvalNode: 'extension_approval' },
          }),
          maxExtensions: 0,
        },
        actions: [action('done', '办结，出具处理意见')],
      },
      13,
      1,
    )
    .node({ id: 'gw_difficult', kind: 'gateway', gateway: 'exclusive', name: '是否疑难复杂' }, 10, 4)
    .node(
      {
        id: 'back_to_back',
        kind: 'task',
        name: '背靠背会商',
        stage: '办理',
        description: '疑难、突出、倾向性问题：镇主要领导召集分管领导、相关科办分析研判，形成解决方案和责任分工（SEED:000）。',
        assignment: { type: 'role', role: 'TWN_SEC', scope: 'township' },
        form: ['consult_minutes', 'case_leader'],
        requiredFields: ['consult_minutes'],
        deadline: deadline(days(7, 'consult_days'), { provenance: 'DEFAULT', source: '参数 consult_days', cap: within(60, '办理仍受60日时限约束') }),
        actions: [action('done', '会商完毕')],
      },
      11,
      4,
    )
    .node(
      {
        id: 'case_lead',
        kind: 'task',
        name: '领导包案',
        stage: '办理',
        description: '一个问题、一名领导、一帮人员、一套方案、限期办结；包调查、包处理、包息诉罢访（SEED:000,001）。办理仍受60日时限约束。',
        assignment: { type: 'role', role: 'TWN_XF_LEADER', scope: 'township' },
        form: ['case_leader', 'case_plan'],
        requiredFields: ['case_plan'],
        deadline: deadline(days(3, 'case_lead_days'), { provenance: 'DEFAULT', source: '参数 case_lead_days', cap: within(60, '办理仍受60日时限约束') }),
        actions: [action('done', '包案登记完成')],
      },
      12,
      4,
    )
    .node({ id: 'join_handle', kind: 'gateway', gateway: 'parallelJoin', name: '办理完成', pairedWith: 'split_handle' }, 14, 3)
    .node({ id: 'reply_notice', kind: 'service', name: '书面答复信访人', action: 'notice', params: { template: 'xinfang-reply', title: '信访事项处理意见书', dates: { acceptedAt: 'accept_decision' } } }, 15, 3)
    .node(
      served('reply_service', '登记书面答复送达日期', '答复', 'reply_served_on', '处理意见书送达信访人后登记送达日期：复查申请期自信访人收到书面答复之日起算，而不是自生成答复之日起算。'),
      16,
      2,
    )
    .node({ id: 'split_after', kind: 'gateway', gateway: 'parallelSplit', name: '回访与复查申请期' }, 16, 3)
    .node(
      {
        id: 'revisit',
        kind: 'task',
        name: '跟踪回访',
        stage: '回访',
        assignment: { type: 'role', role: 'TWN_XF_OFFICE', scope: 'township' },
        form: ['satisfaction', 'revisit_record'],
        requiredFields: ['satisfaction'],
        deadline: deadline(days(7, 'revisit_days'), { provenance: 'DEFAULT', source: '参数 revisit_days' }),
        actions: [action('done', '回访完成')],
      },
      17,
      2,
    )
    .node(
      {
        id: 'review_window',
        kind: 'task',
        name: '复查申请期（30日）',
        stage: '复查',
        description: '信访人可自收到书面答复之日起30日内请求原办理机关的上一级复查（自登记的送达日期起算）；期满未请求的，本任务自动按“未申请复查”完成，逾期请求不予受理。',
        assignment: { type: 'role', role: 'TWN_XF_OFFICE', scope: 'township' },
        deadline: window('reply_served_on', '收到书面答复之日起30日内请求复查'),
        actions: [action('no_request', '未申请复查'), action('request', '信访人请求复查', { approve: false })],
      },
      17,
      4,
    )
    .node(
      {
        id: 'review',
        kind: 'task',
        name: '复查（原办理机关的上一级机关）',
        stage: '复查',
        assignment: { type: 'role', role: 'COUNTY_XF', scope: 'county' },
        form: ['review_opinion'],
        requiredFields: ['review_opinion'],
        deadline: stat(30, '收到复查请求之日起30日内提出复查意见', 'COUNTY_XF'),
        actions: [action('done', '出具复查意见')],
      },
      18,
      4,
    )
    .node({ id: 'review_notice', kind: 'service', name: '送达复查意见书', action: 'notice', params: { template: 'generic', title: '信访事项复查意见书' } }, 19, 4)
    .node(served('review_service', '登记复查意见送达日期', '复查', 'review_served_on', '复查意见书送达信访人后登记送达日期：复核申请期自收到复查意见之日起算。'), 19, 5)
    .node(
      {
        id: 'reexam_window',
        kind: 'task',
        name: '复核申请期（30日）',
        stage: '复核',
        description: '信访人可自收到复查意见之日起30日内请求复查机关的上一级复核（自登记的送达日期起算）；期满未请求的自动按“未申请复核”完成。',
        assignment: { type: 'role', role: 'TWN_XF_OFFICE', scope: 'township' },
        deadline: window('review_served_on', '收到复查意见之日起30日内请求复核'),
        actions: [action('no_request', '未申请复核'), action('request', '信访人请求复核', { approve: false })],
      },
      20,
      4,
    )
    .node(
      {
        id: 'reexam',
        kind: 'task',
        name: '复核（复查机关的上一级机关）',
        stage: '复核',
        description: '收到复核请求之日起30日内提出复核意见；举行听证的，听证所需时间不计入（以案件中止/恢复实现）。',
        assignment: { type: 'role', role: 'XF_REEXAM', scope: 'county' },
        form: ['reexam_opinion', 'hearing_held'],
        requiredFields: ['reexam_opinion'],
        deadline: stat(30, '收到复核请求之日起30日内提出复核意见（听证时间不计入）', 'XF_REEXAM'),
        actions: [action('done', '出具复核意见')],
      },
      21,
      4,
    )
    .node({ id: 'reexam_notice', kind: 'service', name: '送达复核意见书', action: 'notice', params: { template: 'generic', title: '信访事项复核意见书' } }, 22, 4)
    .node({ id: 'mark_final', kind: 'service', name: '标记终结（不再受理）', action: 'setData', params: { xf_final: 'true' } }, 23, 4)
    .node({ id: 'join_after', kind: 'gateway', gateway: 'parallelJoin', name: '回访与复查复核完成', pairedWith: 'split_after' }, 24, 3)
    .node({ id: 'gw_final', kind: 'gateway', gateway: 'exclusive', name: '是否经复核终结' }, 25, 3)
    .node({ id: 'end_concluded', kind: 'end', name: '办结', outcome: 'concluded' }, 26, 2)
    .node({ id: 'end_final', kind: 'end', name: '复核终结（同一事实和理由不再受理）', outcome: 'final' }, 26, 4)
    .node({ id: 'end_not_accepted', kind: 'end', name: '不予受理/已告知法定途径', outcome: 'not_accepted' }, 9, 5);

  // SEED:000: 5人以上、情绪较为冲动、信访矛盾比较突出、违反信访秩序（非正常上访）→ 分管信访领导直接接待 — an agitated petitioner alone too.
  const large =
    'data.abnormal_visit == true || data.conflict_prominent == true || data.emotional_state != "stable" || data.person_count >= params.large_group_threshold';

  b.edge('start', 'register')
    .edge('register', 'split_intake', { outcome: 'register' })
    .edge('split_intake', 'gw_route')
    .edge('split_intake', 'accept_decision')
    .edge('gw_route', 'split_large', { condition: large, label: '5人以上/情绪激动/矛盾突出/违反信访秩序' })
    .edge('gw_route', 'group_reception', { condition: 'data.person_count >= 2', label: '小群体（情绪稳定）' })
    .edge('gw_route', 'office_reception', { default: true, label: '个体访' })
    .edge('split_large', 'leader_reception')
    .edge('split_large', 'village_on_site')
    .edge('leader_reception', 'join_large', { outcome: 'received' })
    .edge('village_on_site', 'join_large', { outcome: 'on_site' })
    .edge('join_large', 'join_intake')
    .edge('group_reception', 'join_intake', { outcome: 'received' })
    .edge('group_reception', 'matter_leader_reception', { outcome: 'report_up' })
    .edge('matter_leader_reception', 'join_intake', { outcome: 'received' })
    .edge('matter_leader_reception', 'leader_escalated', { outcome: 'report_xf_leader' })
    .edge('leader_escalated', 'join_intake', { outcome: 'received' })
    .edge('leader_escalated', 'main_leader', { outcome: 'report_main' })
    .edge('main_leader', 'join_intake', { outcome: 'received' })
    .edge('office_reception', 'join_intake', { outcome: 'received' })
    .edge('accept_decision', 'join_intake', { outcome: 'decide' })
    .edge('join_intake', 'gw_accept')
    .edge('gw_accept', 'acceptance_notice', { condition: 'data.acceptance == "accept"', label: '受理' })
    .edge('acceptance_notice', 'split_handle')
    .edge('gw_accept', 'not_accepted_notice', { default: true, label: '不予受理/诉访分离' })
    .edge('not_accepted_notice', 'end_not_accepted')
    .edge('split_handle', 'handle')
    .edge('split_handle', 'gw_difficult')
    .edge('handle', 'join_handle', { outcome: 'done' })
    .edge('handle', 'extension_approval', { outcome: 'request_extension', label: '申请延期' })
    .edge('extension_approval', 'extension_notice', { outcome: 'approve' })
    .edge('extension_approval', 'handle', { outcome: 'reject', label: '不批准' })
    .edge('extension_notice', 'handle_extended')
    .edge('handle_extended', 'join_handle', { outcome: 'done' })
    .edge('gw_difficult', 'back_to_back', { condition: 'data.is_difficult == true', label: '疑难复杂' })
    .edge('gw_difficult', 'join_handle', { default: true })
    .edge('back_to_back', 'case_lead', { outcome: 'done' })
    .edge('case_lead', 'join_handle', { outcome: 'done' })
    .edge('join_handle', 'reply_notice')
    .edge('reply_notice', 'reply_service')
    .edge('reply_service', 'split_after', { outcome: 'recorded' })
    .edge('split_after', 'revisit')
    .edge('split_after', 'review_window')
    .edge('revisit', 'join_after', { outcome: 'done' })
    .edge('review_window', 'join_after', { outcome: 'no_request', label: '未申请/期满' })
    .edge('review_window', 'review', { outcome: 'request', label: '请求复查' })
    .edge('review', 'review_notice', { outcome: 'done' })
    .edge('review_notice', 'review_service')
    .edge('review_service', 'reexam_window', { outcome: 'recorded' })
    .edge('reexam_window', 'join_after', { outcome: 'no_request', label: '未申请/期满' })
    .edge('reexam_window', 'reexam', { outcome: 'request', label: '请求复核' })
    .edge('reexam', 'reexam_notice', { outcome: 'done' })
    .edge('reexam_notice', 'mark_final')
    .edge('mark_final', 'join_after')
    .edge('join_after', 'gw_final')
    .edge('gw_final', 'end_final', { condition: 'data.xf_final == true', label: '终结' })
    .edge('gw_final', 'end_concluded', { default: true });

  return b.build();
}
