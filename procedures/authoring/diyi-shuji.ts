/**
 * 第一书记“三定一诺双评”年度考评 (domain/procedures.md §6.2, SEED:002 胶州).
 */
import { action, days, deadline, DefinitionBuilder } from './builder.js';

export function diyiShuji() {
  const b = new DefinitionBuilder({
    key: 'diyi-shuji',
    title: '第一书记年度考评（双评）',
    category: '干部考核',
    summaryFields: ['first_secretary', 'year'],
    description:
      '第一书记“三定一诺双评”年度考评（procedures.md §6.2，SEED:002 胶州）：自查申报 → 考核组考核（组织工作目标考评，基本分100）→ 群众满意度测评（无记名；投票人数达到应参加人数三分之二以上方为有效；满意度=（很满意票+满意票）÷投票数）→ 考核总分=目标考评得分×满意度 → 排名定档（前30%优秀、次30%良好）→ 部长办公会审核 → 报区（县）委审批（胶州为县级市，种子作“报市委审批”）。' +
      '满意度与称职等级的对应种子未定义（§10 第11条）：默认满意度低于60%为基本称职、低于40%为不称职（参数）。',
  });

  b.roleList('FIRST_SEC', 'TWN_SEC', 'COUNTY_ORG');
  // 考核组: 市委组织部 (脱产) or 镇党委 (非脱产) — SEED:002.
  b.starterRoles('COUNTY_ORG', 'TWN_SEC', 'TWN_DEP_SEC_ORG');

  b.field('first_secretary', '第一书记', 'person', { required: true })
    .field('year', '考核年度', 'number', { required: true, min: 2000, max: 2100 })
    .select('posting', '驻村方式', [
      ['full_time', '脱产驻村（市委组织部考核）'],
      ['part_time', '非脱产联村（镇党委考核）'],
    ], { required: true })
    .field('self_report', '履职情况自查报告表', 'longText')
    .field('target_score', '组织工作目标考评得分', 'number', { min: 0, max: 300 })
    .field('basic_plus_discipline', '基本工作目标+执行制度纪律得分', 'number', { min: 0, max: 100 })
    .field('eligible_voters', '应参加测评人数', 'number', { min: 1 })
    .field('ballots_cast', '投票人数', 'number', { min: 0 })
    .field('very_satisfied', '很满意票', 'number', { min: 0 })
    .field('satisfied', '满意票', 'number', { min: 0 })
    .field('basically_satisfied', '基本满意票', 'number', { min: 0 })
    .field('unsatisfied', '不满意票', 'number', { min: 0 })
    .field('satisfaction', '群众满意度（%）', 'number', { min: 0, max: 100 })
    .field('total_score', '考核总分', 'number', { min: 0 })
    .select('grade', '考核等次', [
      ['excellent', '优秀'],
      ['good', '良好'],
      ['competent', '称职'],
      ['basic', '基本称职'],
      ['incompetent', '不称职'],
    ])
    .field('review_opinion', '审核/审批意见', 'longText');

  b.param({ key: 'self_report_days', label: '自查申报时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'assessment_days', label: '考核时限（日）', type: 'number', default: 20, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'survey_days', label: '满意度测评时限（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({
      key: 'basic_below',
      label: '满意度低于此值（%）为基本称职',
      type: 'number',
      default: 60,
      min: 0,
      max: 100,
      provenance: 'UNCERTAIN',
      source: 'procedures.md §6.2 [DEFAULT]',
      note: '种子的等次（优秀/良好/称职/基本称职/不称职）与满意度测评的四级选项之间没有对应规则（procedures.md §10 第11条），须由各地配置；默认满意度低于60%为基本称职。',
    })
    .param({
      key: 'incompetent_below',
      label: '满意度低于此值（%）为不称职',
      type: 'number',
      default: 40,
      min: 0,
      max: 100,
      provenance: 'UNCERTAIN',
      source: 'procedures.md §6.2 [DEFAULT]',
      note: '同上（procedures.md §10 第11条）；默认满意度低于40%为不称职。',
    });

  const d = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(1)] });

  b.node({ id: 'start', kind: 'start', name: '年度考评启动' }, 0, 1)
    .node({ id: 'self_report', kind: 'task', name: '自查申报', stage: '自查申报', assignment: { type: 'role', role: 'FIRST_SEC', scope: 'case' }, form: ['self_report'], requiredFields: ['self_report'], deadline: d('self_report_days', 15), actions: [action('done', '提交自查报告')] }, 1, 1)
    .node({ id: 'gw_posting', kind: 'gateway', gateway: 'exclusive', name: '考核主体' }, 2, 1)
    .node({ id: 'assess_county', kind: 'task', name: '考核组考核（组织部）', stage: '考核', description: '查档案+实地考核，组织工作目标考评（基本分100，奖扣分另计）。', assignment: { type: 'role', role: 'COUNTY_ORG', scope: 'county' }, form: ['target_score', 'basic_plus_discipline'], requiredFields: ['target_score', 'basic_plus_discipline'], deadline: d('assessment_days', 20), actions: [action('done', '考核完毕')] }, 3, 0)
    .node({ id: 'assess_township', kind: 'task', name: '考核组考核（镇党委）', stage: '考核', assignment: { type: 'role', role: 'TWN_SEC', scope: 'township' }, form: ['target_score', 'basic_plus_discipline'], requiredFields: ['target_score', 'basic_plus_discipline'], deadline: d('assessment_days', 20), actions: [action('done', '考核完毕')] }, 3, 2)
    .node(
      {
        id: 'survey',
        kind: 'task',
        name: '群众满意度测评',
        stage: '满意度测评',
        description: '无记名；投票人为村两委成员、党员、村民代表、离退职老干部、入党积极分子。投票人数达到应参加人数三分之二以上方为有效（SEED:002）。',
        assignment: { type: 'role', role: 'TWN_SEC', scope: 'township' },
        form: ['eligible_voters', 'ballots_cast', 'very_satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'],
        requiredFields: ['eligible_voters', 'ballots_cast', 'very_satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'],
        deadline: d('survey_days', 10),
        actions: [action('done', '录入测评结果')],
      },
      4,
      1,
    )
    .node({ id: 'gw_turnout', kind: 'gateway', gateway: 'exclusive', name: '投票人数是否达到三分之二' }, 5, 1)
    .node({ id: 'compute', kind: 'service', name: '计算满意度与总分', action: 'setData', params: { set: { satisfaction: '(data.very_satisfied + data.satisfied) * 100.0 / data.ballots_cast', total_score: 'data.target_score * (data.very_satisfied + data.satisfied) / data.ballots_cast' } } }, 6, 1)
    .node({ id: 'gw_grade', kind: 'gateway', gateway: 'exclusive', name: '满意度等次' }, 7, 1)
    .node({ id: 'ranking', kind: 'task', name: '排名定档', stage: '排名定档', description: '按镇街/市直、脱产/非脱产及四类职级分组排名：前30%优秀、次30%良好，其余称职；基本工作目标与执行制度纪律得分合计不足80分或所在党组织年度定级下降的不得评为优秀。', assignment: { type: 'role', role: 'COUNTY_ORG', scope: 'county' }, form: ['grade'], requiredFields: ['grade'], deadline: d('assessment_days', 20), actions: [action('done', '定档')] }, 8, 1)
    .node({ id: 'mark_basic', kind: 'service', name: '定为基本称职', action: 'setData', params: { set: { grade: '"basic"' } } }, 8, 2)
    .node({ id: 'mark_incompetent', kind: 'service', name: '定为不称职', action: 'setData', params: { set: { grade: '"incompetent"' } } }, 8, 3)
    .node({ id: 'minister_review', kind: 'task', name: '部长办公会审核', stage: '审批', assignment: { type: 'role', role: 'COUNTY_ORG', scope: 'county' }, form: ['review_opinion'], deadline: d('assessment_days', 20), actions: [action('done', '审核通过')] }, 9, 1)
    .node({ id: 'committee_approval', kind: 'task', name: '报区（县）委审批', stage: '审批', assignment: { type: 'role', role: 'COUNTY_ORG', scope: 'county' }, form: ['review_opinion'], deadline: d('assessment_days', 20), actions: [action('done', '审批完成')] }, 10, 1)
    .node({ id: 'end_graded', kind: 'end', name: '考评完成', outcome: 'graded' }, 11, 1);

  b.edge('start', 'self_report')
    .edge('self_report', 'gw_posting', { outcome: 'done' })
    .edge('gw_posting', 'assess_county', { condition: 'data.posting == "full_time"', label: '脱产' })
    .edge('gw_posting', 'assess_township', { default: true, label: '非脱产' })
    .edge('assess_county', 'survey', { outcome: 'done' })
    .edge('assess_township', 'survey', { outcome: 'done' })
    .edge('survey', 'gw_turnout', { outcome: 'done' })
    .edge('gw_turnout', 'compute', { condition: 'data.ballots_cast * 3.0 >= data.eligible_voters * 2.0', label: '有效（≥⅔）' })
    .edge('gw_turnout', 'survey', { default: true, label: '无效，重新测评' })
    .edge('compute', 'gw_grade')
    .edge('gw_grade', 'mark_incompetent', { condition: 'data.satisfaction < params.incompetent_below', label: '不称职' })
    .edge('gw_grade', 'mark_basic', { condition: 'data.satisfaction >= params.incompetent_below && data.satisfaction < params.basic_below', label: '基本称职' })
    .edge('gw_grade', 'ranking', { default: true })
    .edge('ranking', 'minister_review', { outcome: 'done' })
    .edge('mark_basic', 'minister_review')
    .edge('mark_incompetent', 'minister_review')
    .edge('minister_review', 'committee_approval', { outcome: 'done' })
    .edge('committee_approval', 'end_graded', { outcome: 'done' });

  return b.build();
}
