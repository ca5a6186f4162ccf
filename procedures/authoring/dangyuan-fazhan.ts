/**
 * 党员发展 (domain/procedures.md §6.4): 《中国共产党发展党员工作细则》(2014) with the seed practice
 * of 全程公示/票决 (SEED:001, 002).
 */
import type { Deadline } from '../../dsl/schema.js';
import { action, days, deadline, DefinitionBuilder, dur, PRESETS as P, workDays } from './builder.js';

const RULES = '中国共产党发展党员工作细则（2014）';

export function dangyuanFazhan() {
  const b = new DefinitionBuilder({
    key: 'dangyuan-fazhan',
    title: '发展党员',
    category: '党建',
    summaryFields: ['applicant_name'],
    description:
      '发展党员全程纪实（procedures.md §6.4，发展党员工作细则 2014）：入党申请（年满18周岁）→ 1个月内谈话 → 确定入党积极分子（支委会研究，报上级党委备案）→ 培养教育考察不少于1年（每半年考察一次）→ 确定发展对象（公示）→ 政治审查与短期集中培训（不少于3天或24学时）并行 → 支委会审查、基层党委预审 → 支部大会讨论接收预备党员（有表决权的到会人数超过应到会半数，赞成超过应到会有表决权正式党员的半数）→ 上级党委派人谈话 → 3个月内审批 → 预备期1年（自支部大会通过之日起，与审批并行计算）→ 转正公示 → 支部大会讨论转正 → 审批；不能按期转正的延长预备期6至12个月（一次），不合格的取消预备党员资格。',
  });

  b.roleList('VIL_PARTY', 'PARTY_MEMBER', 'TWN_DEP_SEC_ORG', 'VIL_SUPERV', 'TWN_SEC');
  // 入党申请 is made to the branch, which registers it (发展党员工作细则): the branch starts the case.
  b.starterRoles('VIL_PARTY');
  b.subjectField('applicant_account');

  b.field('applicant_name', '申请人', 'text', { required: true, sensitive: true })
    .field('applicant_account', '申请人账户', 'person', { sensitive: true, description: '申请人在本系统有账户时填写：申请人可查看本人的发展进度。' })
    .field('applicant_age', '年龄（周岁）', 'number', { required: true, min: 18, description: '年满十八岁方可申请入党（党章）。' })
    .field('application_date', '入党申请书日期', 'date', { required: true })
    .field('application_received_on', '党组织收到入党申请书日期', 'date', { required: true, description: '派人谈话的1个月期限自收到入党申请书之日起算（发展党员工作细则）。' })
    .field('talk_record', '谈话记录', 'longText')
    .field('activist_record', '推荐及支委会研究记录', 'longText')
    .field('mentors', '培养联系人（1–2名正式党员）', 'person')
    .field('half_year_review', '半年考察意见', 'longText')
    .field('candidate_record', '确定发展对象意见（党小组、培养联系人、党员和群众）', 'longText')
    .field('introducers', '入党介绍人（2名正式党员）', 'person')
    .field('objection_finding', '公示反映问题核实结论', 'longText')
    .field('political_review', '政治审查结论', 'longText')
    .field('training_days', '集中培训天数', 'number', { min: 0 })
    .field('training_hours', '集中培训学时', 'number', { min: 0 })
    .field('pre_review_opinion', '预审意见', 'longText')
    .field('superior_talk', '上级党委派人谈话记录', 'longText')
    .field('approval_opinion', '审批意见（注明预备期起止）', 'longText')
    .field('probation_summary', '预备期考察及转正申请', 'longText')
    .field('probation_extended', '已延长过预备期', 'boolean');

  b.param({ key: 'candidate_publicity_days', label: '发展对象公示期（工作日）', type: 'number', default: 5, min: 5, provenance: 'PUB', source: 'PUB tccu/hlxy：公示不少于5个工作日' })
    .param({ key: 'regular_publicity_days', label: '转正公示期（工作日）', type: 'number', default: 5, min: 5, provenance: 'PUB', source: 'PUB：转正前公示' })
    .param({ key: 'step_days', label: '支部一般环节时限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'pre_review_months', label: '基层党委预审时限（月）', type: 'number', default: 1, min: 1, provenance: 'PUB', source: 'PUB：预审一般在1个月内' })
    .param({ key: 'reeval_months', label: '支部大会未通过后再次讨论的间隔（月）', type: 'number', default: 6, min: 6, provenance: 'DEFAULT', source: 'procedures.md §6.4 [DEFAULT ≥ 6 months]' })
    .param({ key: 'extension_months', label: '延长预备期（月）', type: 'number', default: 6, min: 6, max: 12, provenance: 'STAT', source: `${RULES}：延长预备期不能少于半年，最长不超过一年` });

  const d = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(3)] });
  const stat = (amount: number, unit: 'months' | 'calendarDays', source: string, clock: Pick<Deadline, 'anchor' | 'cap'> = {}) =>
    deadline(dur(amount, unit), { provenance: 'STAT', source: `${RULES}：${source}`, reminders: [days(7)], escalateToRole: 'TWN_DEP_SEC_ORG', ...clock });
  // 审批 counts from the 支部大会 resolution, not from when the approval task opens (after the 谈话):
  // 3 months, in special cases at most 6 (extended with 延期, never beyond).
  const resolved = (vote: string) => ({ kind: 'nodeCompleted', nodeId: vote }) as const;
  const specialCase = (vote: string) => ({ anchor: resolved(vote), duration: dur(6, 'months'), source: `${RULES}：特殊情况可延长审批时间，最长不超过6个月` });
  const branch = { type: 'role' as const, role: 'VIL_PARTY', scope: 'case' as const };
  const org = { type: 'role' as const, role: 'TWN_DEP_SEC_ORG', scope: 'township' as const };
  const branchVote = (id: string, name: string, col: number, row: number) =>
    b.node(
      {
        id,
        kind: 'vote',
        name,
        stage: '支部大会',
        description: '逐个表决（无记名票决）；有表决权的到会人数须超过应到会有表决权人数的半数，赞成人数须超过应到会有表决权的正式党员的半数；因故不能到会的党员会前正式提出的书面意见计入票数。预备党员无表决权。',
        assignment: branch,
        deadline: d('step_days', 30),
        vote: {
          mode: 'tally',
          secret: true,
          meetingType: '支部党员大会',
          options: { type: 'yesNo' },
          quorum: P['jieshou-yubei-dangyuan'].quorum,
          pass: P['jieshou-yubei-dangyuan'].pass,
          writtenOpinions: true,
          tellerRole: 'VIL_PARTY',
          scrutineerRole: 'VIL_SUPERV',
          voterRole: 'PARTY_MEMBER',
        },
      },
      col,
      row,
    );

  b.node({ id: 'start', kind: 'start', name: '收到入党申请' }, 0, 1)
    .node({ id: 'application', kind: 'task', name: '入党申请登记', stage: '申请', description: '年满18周岁，向工作、学习所在单位党组织提出书面申请。', assignment: { type: 'initiator' }, form: ['applicant_name', 'applicant_account', 'applicant_age', 'application_date', 'application_received_on'], requiredFields: ['applicant_name', 'applicant_age', 'application_date', 'application_received_on'], deadline: d('step_days', 30), actions: [action('register', '登记')] }, 1, 1)
    .node({ id: 'talk', kind: 'task', name: '派人谈话', stage: '申请', description: '党组织收到入党申请书后，1个月内派人同入党申请人谈话（发展党员工作细则）。', assignment: branch, form: ['talk_record'], requiredFields: ['talk_record'], deadline: stat(1, 'months', '收到入党申请书后1个月内派人谈话', { anchor: { kind: 'field', field: 'application_received_on' } }), actions: [action('done', '已谈话')] }, 2, 1)
    .node({ id: 'activist', kind: 'task', name: '确定入党积极分子', stage: '积极分子', description: '党员推荐、群团组织推优，支委会研究确定，报上级党委备案；指定1–2名正式党员作培养联系人。', assignment: branch, form: ['activist_record', 'mentors'], requiredFields: ['activist_record', 'mentors'], deadline: d('step_days', 30), actions: [action('confirm', '确定为积极分子'), action('not_now', '暂不确定', { approve: false, requireComment: true })] }, 3, 1)
    .node({ id: 'activist_filing', kind: 'service', name: '报上级党委备案（积极分子）', action: 'notify', params: { toRole: 'TWN_DEP_SEC_ORG', message: '入党积极分子已确定，请备案。' } }, 4, 1)
    .node({ id: 'half_year_1', kind: 'timer', name: '培养考察（前半年）', description: '支部每半年考察一次；培养教育考察不少于1年（STAT）。', duration: dur(6, 'months') }, 5, 1)
    .node({ id: 'review_1', kind: 'task', name: '第一次半年考察', stage: '培养考察', assignment: branch, form: ['half_year_review'], requiredFields: ['half_year_review'], deadline: d('step_days', 30), actions: [action('done', '考察完成')] }, 6, 1)
    .node({ id: 'half_year_2', kind: 'timer', name: '培养考察（后半年）', duration: dur(6, 'months') }, 7, 1)
    .node({ id: 'review_2', kind: 'task', name: '第二次半年考察', stage: '培养考察', assignment: branch, form: ['half_year_review'], requiredFields: ['half_year_review'], deadline: d('step_days', 30), actions: [action('done', '考察完成')] }, 8, 1)
    .node({ id: 'candidate', kind: 'task', name: '确定发展对象', stage: '发展对象', description: '听取党小组、培养联系人、党员和群众意见，支委会讨论确定；确定2名正式党员作入党介绍人；报上级党委备案。', assignment: branch, form: ['candidate_record', 'introducers'], requiredFields: ['candidate_record', 'introducers'], deadline: d('step_days', 30), actions: [action('confirm', '确定为发展对象'), action('continue_cultivation', '继续培养', { approve: false, requireComment: true })] }, 9, 1)
    .node({ id: 'candidate_publicity', kind: 'publicity', name: '发展对象公示', stage: '发展对象', assignment: branch, period: workDays(5, 'candidate_publicity_days'), channel: '党务公开栏' }, 10, 1)
    .node({ id: 'candidate_objection', kind: 'task', name: '核实公示反映问题', stage: '发展对象', description: '不符合条件 → 不予发展；需进一步核实 → 暂缓（PUB hlxy）；不影响发展 → 继续。', assignment: org, form: ['objection_finding'], requiredFields: ['objection_finding'], deadline: d('step_days', 30), actions: [action('cleared', '不影响发展'), action('postpone', '暂缓发展', { approve: false, requireComment: true }), action('reject', '不予发展', { approve: false, requireComment: true })] }, 10, 3)
    .node({ id: 'split_vet', kind: 'gateway', gateway: 'parallelSplit', name: '政审与培训' }, 11, 1)
    .node({ id: 'political_review', kind: 'task', name: '政治审查', stage: '政审培训', description: '未经政治审查或政审不合格的，不能发展入党。', assignment: branch, form: ['political_review'], requiredFields: ['political_review'], deadline: d('step_days', 30), actions: [action('pass', '政审合格'), action('fail', '政审不合格', { approve: false, requireComment: true })] }, 12, 0)
    .node({ id: 'training', kind: 'task', name: '短期集中培训', stage: '政审培训', description: '时间一般不少于3天或不少于24个学时（发展党员工作细则）。', assignment: org, form: ['training_days', 'training_hours'], deadline: d('step_days', 30), actions: [action('done', '培训结业')] }, 12, 2)
    .node({ id: 'gw_training', kind: 'gateway', gateway: 'exclusive', name: '培训是否达标' }, 13, 2)
    .node({ id: 'join_vet', kind: 'gateway', gateway: 'parallelJoin', name: '政审培训完成', pairedWith: 'split_vet' }, 14, 1)
    .node({ id: 'pre_review', kind: 'task', name: '支委会审查、基层党委预审', stage: '预审', assignment: org, form: ['pre_review_opinion'], requiredFields: ['pre_review_opinion'], deadline: deadline(dur(1, 'months', 'pre_review_months'), { provenance: 'PUB', source: '参数 pre_review_months', reminders: [days(3)] }), actions: [action('pass', '预审合格，发放入党志愿书'), action('fail', '预审不合格', { approve: false, requireComment: true })] }, 16, 1);
  branchVote('admission_vote', '支部大会讨论接收预备党员', 17, 1);
  b.node({ id: 'reeval_wait', kind: 'timer', name: '未通过，间隔后再议', duration: dur(6, 'months', 'reeval_months') }, 17, 3)
    .node({ id: 'admission_vote_reconvene', kind: 'task', name: '到会不足，重新召开支部大会', stage: '支部大会', description: '有表决权的到会人数未超过应到会有表决权人数的半数，会议未作出任何决定：重新召开（不是等待半年后再议）。', assignment: branch, deadline: d('step_days', 30), actions: [action('reconvene', '重新召开')] }, 17, 0)
    .node({ id: 'split_probation', kind: 'gateway', gateway: 'parallelSplit', name: '审批与预备期并行' }, 18, 1)
    .node({ id: 'superior_talk', kind: 'task', name: '上级党委派人谈话', stage: '审批', assignment: org, form: ['superior_talk'], requiredFields: ['superior_talk'], deadline: { ...d('step_days', 30), cap: { anchor: resolved('admission_vote'), duration: dur(3, 'months'), source: `${RULES}：谈话在3个月审批期限之内` } }, actions: [action('done', '已谈话')] }, 19, 0)
    .node({ id: 'approval', kind: 'task', name: '上级党委审批', stage: '审批', description: '基层党委应在3个月内审批（特殊情况可延长，最长不超过6个月，以“延期”记录）；审批意见注明预备期起止时间。', assignment: org, form: ['approval_opinion'], requiredFields: ['approval_opinion'], deadline: stat(3, 'months', '上级党委应在支部大会通过后3个月内审批', { anchor: resolved('admission_vote'), cap: specialCase('admission_vote') }), actions: [action('approve', '批准为预备党员'), action('reject', '不批准', { approve: false, requireComment: true })] }, 20, 0)
    .node({ id: 'probation', kind: 'timer', name: '预备期1年', description: '预备期为1年，自支部大会通过之日起计算（发展党员工作细则）。', duration: dur(1, 'years') }, 19, 2)
    .node({ id: 'join_probation', kind: 'gateway', gateway: 'parallelJoin', name: '预备期届满', pairedWith: 'split_probation' }, 21, 1)
    .node({ id: 'regular_application', kind: 'task', name: '转正申请', stage: '转正', assignment: branch, form: ['probation_summary'], requiredFields: ['probation_summary'], deadline: d('step_days', 30), actions: [action('done', '已提交转正申请')] }, 22, 1)
    .node({ id: 'regular_publicity', kind: 'publicity', name: '转正公示', stage: '转正', assignment: branch, period: workDays(5, 'regular_publicity_days'), channel: '党务公开栏' }, 23, 1)
    .node({ id: 'regular_objection', kind: 'task', name: '核实转正公示反映问题', stage: '转正', assignment: org, form: ['objection_finding'], requiredFields: ['objection_finding'], deadline: d('step_days', 30), actions: [action('cleared', '不影响转正')] }, 23, 3);
  branchVote('regular_vote', '支部大会讨论转正', 24, 1);
  b.node({ id: 'probation_decision', kind: 'task', name: '不能按期转正的处理', stage: '转正', description: '需继续考察的延长预备期（不少于半年，最长不超过一年，只能延长一次）；不具备党员条件的取消预备党员资格。', assignment: branch, deadline: d('step_days', 30), actions: [action('extend', '延长预备期'), action('cancel', '取消预备党员资格', { approve: false, requireComment: true })] }, 24, 3)
    .node({ id: 'gw_once', kind: 'gateway', gateway: 'exclusive', name: '是否已延长过预备期' }, 24, 2)
    .node({ id: 'mark_extended', kind: 'service', name: '记录延长预备期', action: 'setData', params: { set: { probation_extended: 'true' } } }, 25, 4)
    .node({ id: 'extended_probation', kind: 'timer', name: '延长预备期', duration: dur(6, 'months', 'extension_months') }, 24, 4)
    .node({ id: 'regular_vote_reconvene', kind: 'task', name: '到会不足，重新召开支部大会', stage: '转正', assignment: branch, deadline: d('step_days', 30), actions: [action('reconvene', '重新召开')] }, 24, 0)
    .node({ id: 'regular_approval', kind: 'task', name: '上级党委审批转正', stage: '转正', assignment: org, form: ['approval_opinion'], requiredFields: ['approval_opinion'], deadline: stat(3, 'months', '上级党委应在支部大会通过后3个月内审批', { anchor: resolved('regular_vote') }), actions: [action('approve', '批准转正'), action('reject', '不批准', { approve: false, requireComment: true })] }, 25, 1)
    .node({ id: 'end_member', kind: 'end', name: '转为正式党员', outcome: 'full_member' }, 26, 1)
    .node({ id: 'end_not_admitted', kind: 'end', name: '不予发展', outcome: 'not_admitted' }, 16, 4)
    .node({ id: 'end_cancelled', kind: 'end', name: '取消预备党员资格', outcome: 'cancelled' }, 26, 4);

  b.edge('start', 'application')
    .edge('application', 'talk', { outcome: 'register' })
    .edge('talk', 'activist', { outcome: 'done' })
    .edge('activist', 'activist_filing', { outcome: 'confirm' })
    .edge('activist', 'end_not_admitted', { outcome: 'not_now' })
    .edge('activist_filing', 'half_year_1')
    .edge('half_year_1', 'review_1')
    .edge('review_1', 'half_year_2', { outcome: 'done' })
    .edge('half_year_2', 'review_2')
    .edge('review_2', 'candidate', { outcome: 'done' })
    .edge('candidate', 'candidate_publicity', { outcome: 'confirm' })
    .edge('candidate', 'half_year_1', { outcome: 'continue_cultivation', label: '继续培养半年' })
    .edge('candidate_publicity', 'split_vet', { outcome: 'clear' })
    .edge('candidate_publicity', 'candidate_objection', { outcome: 'objections' })
    .edge('candidate_objection', 'split_vet', { outcome: 'cleared' })
    .edge('candidate_objection', 'half_year_1', { outcome: 'postpone', label: '暂缓，继续考察' })
    .edge('candidate_objection', 'end_not_admitted', { outcome: 'reject' })
    .edge('split_vet', 'political_review')
    .edge('split_vet', 'training')
    .edge('political_review', 'join_vet', { outcome: 'pass' })
    .edge('political_review', 'end_not_admitted', { outcome: 'fail', label: '政审不合格' })
    .edge('training', 'gw_training', { outcome: 'done' })
    .edge('gw_training', 'join_vet', { condition: 'data.training_days >= 3.0 || data.training_hours >= 24.0', label: '≥3天或≥24学时' })
    .edge('gw_training', 'training', { default: true, label: '不足，补训' })
    .edge('join_vet', 'pre_review')
    .edge('pre_review', 'admission_vote', { outcome: 'pass' })
    .edge('pre_review', 'end_not_admitted', { outcome: 'fail' })
    .edge('admission_vote', 'split_probation', { outcome: 'passed', label: '通过' })
    .edge('admission_vote', 'reeval_wait', { outcome: 'rejected', label: '未通过' })
    .edge('admission_vote', 'admission_vote_reconvene', { outcome: 'no_quorum', label: '到会不足，重新召开' })
    .edge('admission_vote_reconvene', 'admission_vote', { outcome: 'reconvene' })
    .edge('reeval_wait', 'pre_review')
    .edge('split_probation', 'superior_talk')
    .edge('split_probation', 'probation')
    .edge('superior_talk', 'approval', { outcome: 'done' })
    .edge('approval', 'join_probation', { outcome: 'approve' })
    .edge('approval', 'end_not_admitted', { outcome: 'reject' })
    .edge('probation', 'join_probation')
    .edge('join_probation', 'regular_application')
    .edge('regular_application', 'regular_publicity', { outcome: 'done' })
    .edge('regular_publicity', 'regular_vote', { outcome: 'clear' })
    .edge('regular_publicity', 'regular_objection', { outcome: 'objections' })
    .edge('regular_objection', 'regular_vote', { outcome: 'cleared' })
    .edge('regular_vote', 'regular_approval', { outcome: 'passed' })
    .edge('regular_vote', 'gw_once', { outcome: 'rejected' })
    .edge('regular_vote', 'regular_vote_reconvene', { outcome: 'no_quorum' })
    .edge('regular_vote_reconvene', 'regular_vote', { outcome: 'reconvene' })
    .edge('gw_once', 'end_cancelled', { condition: 'data.probation_extended == true', label: '已延长一次仍不能转正' })
    .edge('gw_once', 'probation_decision', { default: true })
    .edge('probation_decision', 'mark_extended', { outcome: 'extend' })
    .edge('mark_extended', 'extended_probation')
    .edge('probation_decision', 'end_cancelled', { outcome: 'cancel' })
    .edge('extended_probation', 'regular_vote')
    .edge('regular_approval', 'end_member', { outcome: 'approve' })
    .edge('regular_approval', 'gw_once', { outcome: 'reject' });

  return b.build();
}
