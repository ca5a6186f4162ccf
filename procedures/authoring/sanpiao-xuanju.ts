/**
 * “三票制”公推直选镇党委书记 (domain/procedures.md §3.1, §3.3, §3.4; SEED:003 桂花镇).
 * Experimental template (§3.0): the 2020 选举条例 has the 委员会 elect the 书记.
 */
import { action, days, deadline, DefinitionBuilder, PRESETS as P, workDays } from './builder.js';
import { TRUST_GATE_PRESET, STRUCTURED_RECOMMENDATION_GROUPS } from '../../workflows/rules/rule-presets.js';

const ELECTION_NOTE =
  '当选票数的基数不确定（procedures.md §10 第1条）：种子003和1990暂行条例为“超过实到会有选举权人数的一半”，2020条例据二手资料为“超过应到会有选举权人数的半数”。默认应到会（较严），可改为实到会。';

/** The 党员大会 / 选举大会 quorum: > 4/5 of 应到会 by default, never looser than ≥ 4/5. */
export function electionQuorum(source: string) {
  return {
    combine: 'all' as const,
    rules: [
      {
        base: 'entitled' as const,
        op: '>' as const,
        num: 4,
        den: 5,
        param: 'election_quorum',
        source,
        provenance: 'STAT' as const,
        floor: { op: '>=' as const, num: 4, den: 5 },
      },
    ],
  };
}

export const ELECTION_QUORUM_PARAM = {
  key: 'election_quorum',
  label: '选举大会到会比例（应到会有选举权人数）',
  type: 'fraction' as const,
  default: { num: 4, den: 5 },
  provenance: 'UNCERTAIN' as const,
  source: '中国共产党基层组织选举工作条例：有选举权的到会人数超过应到会人数的五分之四',
  note: '条例用“超过五分之四”（>），种子003写作“不得少于4/5”（≥），2020条例原文未核实（procedures.md §10 第2条）。默认“超过”；法定下限按较宽的“不少于五分之四”设置，不能再放宽。',
};

export const PASS_BASE_PARAM = {
  key: 'election_pass_base',
  label: '当选票数计算基数（按应到会/实到会有选举权人数计算）',
  type: 'select' as const,
  default: 'entitled',
  options: [
    { value: 'entitled', label: '应到会有选举权人数（2020条例，默认）' },
    { value: 'present', label: '实到会有选举权人数（1990暂行条例、种子003）' },
  ],
  provenance: 'UNCERTAIN' as const,
  source: '中国共产党基层组织选举工作条例（2020）/ 1990 暂行条例 第22条',
  note: ELECTION_NOTE,
};

export function sanpiaoXuanju() {
  const b = new DefinitionBuilder({
    key: 'sanpiao-xuanju',
    title: '“三票制”公推直选镇党委书记',
    category: '选举',
    summaryFields: ['election_title'],
    description:
      '遂宁船山区桂花镇“三票制”公推直选镇党委书记（procedures.md §3.1，SEED:003）。三票：结构推荐票（含信任度）、全委会票、党员直选票。实验性模板：现行《中国共产党基层组织选举工作条例》（2020）由委员会选举书记，乡镇党委一般由党代会选举（§3.0）。' +
      '信任度≥50%方可进入结构推荐（恰好50%通过），按10%计入；结构推荐A30%/B20%/C20%/D20%加权取前5名；实地调研报告2日内提交；全委会票决差额产生2名正式候选人；党员大会直选到会须超过应到会五分之四，当选票数基数可配置；无人过半数的另行选举一次，仍无人当选报上级党委。',
  });

  // The 区委 “三票制”公推直选领导小组 (组织部) plans and runs it (SEED:003).
  b.starterRoles('COUNTY_ORG');
  b.roleList('COUNTY_ORG', 'TWN_SEC', 'TWN_DISC', 'PARTY_MEMBER').role('COUNTY_COMMITTEE', {
    name: '区（县）委全委会委员',
    level: 'county',
    description: '全委会票决的投票人（§3.1 第8步）。',
  });

  b.field('election_title', '选举名称', 'text', { required: true })
    .field('plan', '实施方案（暂行办法）', 'longText')
    .field('applicants', '报名人员', 'person', { description: '报名人员名单' })
    .field('eligibility_record', '资格审查结论', 'longText')
    .field('preliminary_candidates', '初步人选', 'person', { description: '资格审查通过的初步人选（信任度测评对象）' })
    .field('trust_results', '信任度测评结果', 'table', {
      description: '每名初步人选在原工作单位全体干部职工中的信任票和参评人数',
      columns: [
        { key: 'candidate', label: '人选', type: 'text', required: true, sensitive: false },
        { key: 'yes', label: '信任票', type: 'number', required: true, sensitive: false, min: 0 },
        { key: 'total', label: '参评人数', type: 'number', required: true, sensitive: false, min: 1 },
      ],
    })
    .field('shortlist', '预备人选（前5名）', 'person')
    .field('research_reports', '调研报告提交情况', 'longText')
    .field('disqualified', '未按时提交报告取消资格者', 'person')
    .field('expert_plan', '专家发展目标规划', 'longText')
    .field('vetting_record', '组织考察材料', 'longText')
    .field('formal_candidates', '正式候选人（2名）', 'person')
    .field('elected', '当选人', 'person')
    .field('approval_opinion', '上级党委批复', 'longText');

  b.param({ key: 'registration_days', label: '报名期（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'review_days', label: '资格审查时限（日）', type: 'number', default: 5, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'announce_days', label: '初步人选公报期（工作日）', type: 'number', default: 5, min: 1, provenance: 'DEFAULT', source: 'procedures.md §3.1 第3步：公报期种子未写明，默认5个工作日' })
    .param({ key: 'trust_days', label: '信任度测评时限（日）', type: 'number', default: 5, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'min_shortlist', label: '信任度通过人数下限（不足则重新报名）', type: 'number', default: 3, min: 2, provenance: 'DEFAULT', source: 'procedures.md §3.4：通过信任度不足5人时，≥3人继续（保持差额），否则重新报名' })
    .param({ key: 'recommendation_days', label: '结构推荐时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'research_days', label: '实地调研报告时限（日）', type: 'number', default: 2, min: 1, provenance: 'SEED', source: 'SEED:003：两天时间的调研（report_due = 开始 + 2日）' })
    .param({ key: 'vetting_days', label: '组织考察时限（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({
      key: 'committee_quorum',
      label: '全委会到会比例（全体委员）',
      type: 'fraction',
      default: { num: 2, den: 3 },
      provenance: 'UNCERTAIN',
      source: P['quanweihui-piaojue'].source,
      note: '种子材料未写全委会票决的到会与通过规则（procedures.md §10 第10条），默认参照《党政领导干部选拔任用工作条例》：三分之二以上委员到会。',
    })
    .param({
      key: 'committee_pass',
      label: '全委会票决通过比例（应到会委员）',
      type: 'fraction',
      default: { num: 1, den: 2 },
      provenance: 'UNCERTAIN',
      source: P['quanweihui-piaojue'].source,
      note: '种子材料未写全委会票决的通过规则（procedures.md §10 第10条），默认每名正式候选人须获超过应到会委员半数的赞成票。',
    })
    .param({ key: 'committee_days', label: '全委会票决时限（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param(ELECTION_QUORUM_PARAM)
    .param(PASS_BASE_PARAM)
    .param({ key: 'election_days', label: '党员大会召开时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'approval_days', label: '报批时限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: '默认' });

  const d = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(1)] });
  const org = { type: 'role' as const, role: 'COUNTY_ORG', scope: 'county' as const };

  const directElection = () =>
    b.node(
      {
        id: 'direct_election',
        kind: 'vote',
        name: '党员大会直选',
        stage: '党员直选',
        description:
          '全镇党员无记名差额（2选1）直选；候选人抽签顺序演讲、20分钟答问。到会须超过应到会有选举权人数的五分之四（预先请假者仍计入应到会）；当选须超过半数，基数按设置“按应到会/实到会有选举权人数计算”（默认应到会）；收回选票多于发出选票的本轮无效重新投票；无人过半数的另行选举一次。',
        assignment: org,
        form: ['elected'],
        deadline: d('election_days', 15),
        vote: {
          mode: 'tally',
          secret: true,
          meetingType: '党员大会',
          options: {
            type: 'candidates',
            candidatesField: 'formal_candidates',
            seats: 1,
            maxPicks: 1,
            resultField: 'elected',
            margin: { num: 1, den: 5, source: 'SEED:003：差额直选（2选1）；差额不少于应选人数的20%（选举工作条例 第9、13条）', provenance: 'SEED' },
          },
          quorum: electionQuorum(P['dangyuan-dahui-xuanju'].source),
          pass: { ...P['dangyuan-dahui-xuanju'].alternatives['应到会'], baseParam: 'election_pass_base' },
          maxRevotes: 1,
          tellerRole: 'COUNTY_ORG',
          scrutineerRole: 'TWN_DISC',
          voterRole: 'PARTY_MEMBER',
        },
      },
      13,
      1,
    );

  b.node({ id: 'start', kind: 'start', name: '启动公推直选' }, 0, 1)
    .node({ id: 'plan', kind: 'task', name: '领导规划', stage: '领导规划', description: '区委“三票制”公推直选领导小组制定暂行办法和实施方案。', assignment: org, form: ['election_title', 'plan'], requiredFields: ['election_title', 'plan'], deadline: d('review_days', 5), actions: [action('done', '方案确定')] }, 1, 1)
    .node({ id: 'registration', kind: 'task', name: '宣传报名', stage: '宣传报名', assignment: org, form: ['applicants'], requiredFields: ['applicants'], deadline: d('registration_days', 10), actions: [action('done', '报名截止')] }, 2, 1)
    .node(
      {
        id: 'eligibility',
        kind: 'task',
        name: '资格审查',
        stage: '资格审查',
        description: '按任职资格条件审查（种子：任副科2年以上或现任正科、≤42周岁、公务员身份），确定初步人选。',
        assignment: org,
        form: ['eligibility_record', 'preliminary_candidates'],
        requiredFields: ['preliminary_candidates'],
        deadline: d('review_days', 5),
        actions: [action('done', '审查完毕')],
      },
      3,
      1,
    )
    .node({ id: 'announce', kind: 'publicity', name: '全镇公报初步人选', stage: '资格审查', assignment: org, period: workDays(5, 'announce_days'), channel: '全镇公告' }, 4, 1)
    .node({ id: 'announce_objection', kind: 'task', name: '核查公报异议', stage: '资格审查', assignment: org, form: ['eligibility_record', 'preliminary_candidates'], deadline: d('review_days', 5), actions: [action('done', '核查完毕')] }, 4, 2)
    .node(
      {
        id: 'trust_rating',
        kind: 'task',
        name: '信任度测评',
        stage: '结构推荐',
        description: '在人选原工作单位全体干部职工中测评；信任票达50%以上（含50%）方可进入结构推荐，信任度按10%计入（SEED:003）。',
        assignment: org,
        form: ['trust_results'],
        requiredFields: ['trust_results'],
        deadline: d('trust_days', 5),
        actions: [action('done', '测评结果录入')],
      },
      5,
      1,
    )
    .node(
      {
        id: 'structured_recommendation',
        kind: 'vote',
        name: '结构推荐',
        stage: '结构推荐',
        description: '人选按抽签顺序演讲，四个层面投票：A 本镇的区及以上党代表30%，B 镇机关干部20%，C 村民代表（每村5名）20%，D 区委领导小组成员20%；加上信任度10%，每层得分=赞成率×100，加权总分取前5名为预备人选；并列者重新投票。信任度低于50%者淘汰。',
        assignment: org,
        form: ['shortlist'],
        deadline: d('recommendation_days', 7),
        vote: {
          mode: 'tally',
          secret: true,
          meetingType: '结构推荐大会',
          options: { type: 'candidates', candidatesField: 'preliminary_candidates', seats: 5, maxPicks: 5, resultField: 'shortlist' },
          groups: STRUCTURED_RECOMMENDATION_GROUPS.map((g) => ({ ...g })),
          pass: { base: 'cast', op: '>', num: 0, den: 1, provenance: 'SEED', source: 'SEED:003：按加权总分排名取前5名（加权排名不另设通过门槛）' },
          weighted: true,
          trustGate: { field: 'trust_results', ...TRUST_GATE_PRESET },
          topN: 5,
          maxRevotes: 1,
          tellerRole: 'COUNTY_ORG',
          scrutineerRole: 'TWN_DISC',
        },
      },
      6,
      1,
    )
    .node({ id: 'gw_enough', kind: 'gateway', gateway: 'exclusive', name: '预备人选是否足够' }, 7, 1)
    .node({ id: 'split_research', kind: 'gateway', gateway: 'parallelSplit', name: '实地调研' }, 8, 1)
    .node(
      {
        id: 'field_research',
        kind: 'task',
        name: '预备人选实地调研报告',
        stage: '考察调研',
        description: '预备人选在规定时间、地点独立完成调研报告；开始后2日内提交（SEED:003）。逾期未交者列入“取消资格”（procedures.md §3.4 [DEFAULT]）。',
        assignment: org,
        form: ['research_reports', 'disqualified'],
        requiredFields: ['research_reports'],
        deadline: deadline(days(2, 'research_days'), { provenance: 'SEED', source: 'SEED:003：两天时间的调研', reminders: [{ amount: 4, unit: 'hours' }] }),
        actions: [action('done', '报告收齐')],
      },
      9,
      0,
    )
    .node({ id: 'expert_research', kind: 'task', name: '专家调研（发展目标规划）', stage: '考察调研', assignment: org, form: ['expert_plan'], requiredFields: ['expert_plan'], deadline: d('vetting_days', 10), actions: [action('done', '规划完成')] }, 9, 2)
    .node({ id: 'join_research', kind: 'gateway', gateway: 'parallelJoin', name: '调研完成', pairedWith: 'split_research' }, 10, 1)
    .node(
      {
        id: 'drop_disqualified',
        kind: 'service',
        name: '剔除逾期未交报告者',
        action: 'setData',
        params: { set: { shortlist: 'data.disqualified == null ? data.shortlist : data.shortlist.filter(c, !(c in data.disqualified))' } },
      },
      11,
      0,
    )
    .node({ id: 'vetting', kind: 'task', name: '组织考察', stage: '考察调研', description: '作为全委会票决的参考依据。', assignment: org, form: ['vetting_record'], requiredFields: ['vetting_record'], deadline: d('vetting_days', 10), actions: [action('done', '考察完毕')] }, 11, 1)
    .node(
      {
        id: 'committee_vote',
        kind: 'vote',
        name: '全委会票决',
        stage: '全委会选拔',
        description: '预备人选抽签顺序5分钟竞职演说；区委全委会差额票决产生2名正式候选人；到会与通过规则为默认值（参照干部任用条例）。',
        assignment: org,
        form: ['formal_candidates'],
        deadline: d('committee_days', 10),
        vote: {
          mode: 'tally',
          secret: true,
          meetingType: '区委全委会',
          options: { type: 'candidates', candidatesField: 'shortlist', seats: 2, maxPicks: 2, resultField: 'formal_candidates' },
          quorum: { combine: 'all', rules: [{ ...P['quanweihui-piaojue'].quorum.rules[0], param: 'committee_quorum', provenance: 'UNCERTAIN' }] },
          pass: { ...P['quanweihui-piaojue'].pass, param: 'committee_pass', provenance: 'UNCERTAIN' },
          maxRevotes: 1,
          tellerRole: 'COUNTY_ORG',
          scrutineerRole: 'TWN_DISC',
          voterRole: 'COUNTY_COMMITTEE',
        },
      },
      12,
      1,
    )
    .node(
      {
        id: 'committee_reconsider',
        kind: 'task',
        name: '领导小组研究（全委会未产生2名候选人）',
        stage: '全委会选拔',
        description: '重新票决，或从结构推荐重新开始（procedures.md §3.4 [DEFAULT]）。',
        assignment: org,
        deadline: d('committee_days', 10),
        actions: [action('revote', '重新票决'), action('restart', '从结构推荐重新开始')],
      },
      12,
      3,
    )
  directElection();
  b.node(
    {
      id: 'reschedule',
      kind: 'task',
      name: '到会不足，改期召开',
      stage: '党员直选',
      description: '到会人数未超过应到会五分之四，选举不得进行；记录应到、实到，改期召开。',
      assignment: org,
      deadline: d('election_days', 15),
      actions: [action('reschedule', '已改期')],
    },
    14,
    3,
  )
    .node(
      {
        id: 'report_failure',
        kind: 'task',
        name: '另行选举仍未产生，报告上级党委',
        stage: '党员直选',
        assignment: org,
        form: ['approval_opinion'],
        deadline: d('approval_days', 30),
        actions: [action('reported', '已报告')],
      },
      15,
      3,
    )
    .node(
      {
        id: 'approval',
        kind: 'task',
        name: '报区（县）委审批',
        stage: '报批',
        description: '书记、副书记选出后报上级党组织批准（选举条例）；宣誓就职。',
        assignment: org,
        form: ['approval_opinion'],
        requiredFields: ['approval_opinion'],
        deadline: d('approval_days', 30),
        actions: [action('approve', '批准'), action('reject', '不批准', { approve: false, requireComment: true })],
      },
      15,
      1,
    )
    .node({ id: 'end_elected', kind: 'end', name: '当选并获批准', outcome: 'elected' }, 16, 1)
    .node({ id: 'end_not_approved', kind: 'end', name: '未获批准', outcome: 'not_approved' }, 16, 2)
    .node({ id: 'end_failed', kind: 'end', name: '未产生当选人', outcome: 'failed' }, 16, 3);

  b.edge('start', 'plan')
    .edge('plan', 'registration', { outcome: 'done' })
    .edge('registration', 'eligibility', { outcome: 'done' })
    .edge('eligibility', 'announce', { outcome: 'done' })
    .edge('announce', 'trust_rating', { outcome: 'clear', label: '无异议' })
    .edge('announce', 'announce_objection', { outcome: 'objections', label: '有异议' })
    .edge('announce_objection', 'trust_rating', { outcome: 'done' })
    .edge('trust_rating', 'structured_recommendation', { outcome: 'done' })
    .edge('structured_recommendation', 'gw_enough', { outcome: 'passed' })
    .edge('structured_recommendation', 'registration', { outcome: 'rejected', label: '无人通过，重新报名' })
    .edge('gw_enough', 'split_research', { condition: 'size(data.shortlist) >= params.min_shortlist', label: '≥3人' })
    .edge('gw_enough', 'registration', { default: true, label: '不足，重新报名' })
    .edge('split_research', 'field_research')
    .edge('split_research', 'expert_research')
    .edge('field_research', 'join_research', { outcome: 'done' })
    .edge('expert_research', 'join_research', { outcome: 'done' })
    .edge('join_research', 'drop_disqualified')
    .edge('drop_disqualified', 'vetting')
    .edge('vetting', 'committee_vote', { outcome: 'done' })
    .edge('committee_vote', 'direct_election', { outcome: 'passed' })
    .edge('committee_vote', 'committee_reconsider', { outcome: 'rejected', label: '未产生2名' })
    .edge('committee_vote', 'committee_reconsider', { outcome: 'no_quorum', label: '到会不足' })
    .edge('committee_reconsider', 'committee_vote', { outcome: 'revote' })
    .edge('committee_reconsider', 'structured_recommendation', { outcome: 'restart' })
    .edge('direct_election', 'approval', { outcome: 'passed', label: '当选' })
    .edge('direct_election', 'reschedule', { outcome: 'no_quorum', label: '到会不足4/5' })
    .edge('direct_election', 'report_failure', { outcome: 'rejected', label: '另行选举仍无人过半' })
    .edge('direct_election', 'committee_reconsider', { outcome: 'margin_short', label: '正式候选人不足2名' });
  b.edge('reschedule', 'direct_election', { outcome: 'reschedule' })
    .edge('report_failure', 'end_failed', { outcome: 'reported' })
    .edge('approval', 'end_elected', { outcome: 'approve' })
    .edge('approval', 'end_not_approved', { outcome: 'reject' });

  return b.build();
}
