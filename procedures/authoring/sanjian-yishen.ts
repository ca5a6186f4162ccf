/**
 * 三荐一审两会两票决 (domain/procedures.md §3.2, §3.3, §3.4; SEED:003 高新区).
 */
import { action, days, deadline, DefinitionBuilder, PRESETS as P } from './builder.js';
import { electionQuorum, ELECTION_QUORUM_PARAM, PASS_BASE_PARAM } from './sanpiao-xuanju.js';

export function sanjianYishen() {
  const b = new DefinitionBuilder({
    key: 'sanjian-yishen',
    title: '三荐一审两会两票决',
    category: '选举',
    summaryFields: ['election_title'],
    description:
      '公推直选基层党组织班子（procedures.md §3.2，SEED:003 高新区）：三荐（个人自荐、党员群众联名推荐、组织推荐）→ 一审（资格审查）→ 一会一票决（候选人推荐会，按得票多少确定正式候选人，委员差额不少于20%）→ 二会二票决（党员选举大会：委员差额、书记等额，无记名，当场计票公布）→ 报上级党组织批准。' +
      '法定规则（选举条例 2020）：到会须超过应到会有选举权人数的五分之四；当选票数基数为设置（种子为实到会，条例可能为应到会）；收回选票多于发出选票的本轮无效；未选足的另行选举；委员候选人差额不少于应选人数的20%（应选人数为参数，默认5名、正式候选人6名），候选人不足时引擎拒绝选举并退回补充推荐。',
  });

  b.roleList('TWN_DEP_SEC_ORG', 'VIL_PARTY', 'PARTY_MEMBER', 'TWN_DISC', 'COUNTY_ORG');
  // The 公推直选领导组 of the 镇党委 / 组织部 organises it (SEED:003).
  b.starterRoles('TWN_DEP_SEC_ORG', 'COUNTY_ORG');

  b.field('election_title', '选举名称', 'text', { required: true })
    .field('nominations', '三荐名单', 'table', {
      columns: [
        { key: 'nominee', label: '被推荐人', type: 'text', required: true, sensitive: false },
        {
          key: 'channel',
          label: '推荐渠道',
          type: 'select',
          required: true,
          sensitive: false,
          options: [
            { value: 'self', label: '个人自荐' },
            { value: 'joint', label: '党员（群众）联名推荐' },
            { value: 'org', label: '组织推荐' },
          ],
        },
        { key: 'cosigners', label: '联名人数', type: 'number', required: false, sensitive: false, min: 0 },
      ],
    })
    .field('eligibility_record', '资格审查结论', 'longText')
    .field('nominees', '审查通过的人选', 'person')
    .field('formal_candidates', '正式候选人', 'person')
    .field('committee_elected', '当选委员', 'person')
    .field('secretary_candidate', '书记候选人（等额）', 'person')
    .field('secretary_elected', '当选书记', 'person')
    .field('approval_opinion', '上级党组织批复', 'longText');

  b.param({ key: 'nomination_days', label: '推荐期（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'review_days', label: '资格审查时限（日）', type: 'number', default: 5, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'meeting_days', label: '会议召开时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'committee_seats', label: '应选委员人数', type: 'number', default: 5, min: 1, max: 15, provenance: 'SEED', source: 'SEED:003 高新区：按应选委员5名编写；各支部按实际职数设置' })
    .param({
      key: 'candidate_count',
      label: '正式候选人人数（推荐会按得票多少产生）',
      type: 'number',
      default: 6,
      min: 2,
      max: 20,
      provenance: 'SEED',
      source: 'SEED:003 高新区：6名正式候选人选5名委员；差额不少于应选人数的20%由选举规则（选举条例第13条）强制检查',
      note: '须不少于应选委员人数的120%：校验器按两个参数的默认值检查，立案参数不足时拒绝，选举时引擎再按实际候选人数检查。',
    })
    .param(ELECTION_QUORUM_PARAM)
    .param(PASS_BASE_PARAM)
    .param({ key: 'approval_days', label: '报批时限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: '默认' });

  const d = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(1)] });
  const leader = { type: 'role' as const, role: 'TWN_DEP_SEC_ORG', scope: 'township' as const };
  const quorum = electionQuorum('中国共产党基层组织选举工作条例（2020）；种子003为“不得少于4/5”');

  const pass = { ...P['dangyuan-dahui-xuanju'].alternatives['应到会'], baseParam: 'election_pass_base' };
  const committeeElection = () =>
    b
      .node(
        {
          id: 'committee_election',
          kind: 'vote',
          name: '二会：党员选举大会选举委员',
          stage: '选举大会',
          description: '竞选演讲+答辩；无记名差额选举委员（应选人数为参数，默认5名；候选人须多于应选人数20%以上，不足则不得选举，退回补充推荐）；当场计票、当场公布。当选票数基数为设置（按应到会/实到会有选举权人数计算）。',
          assignment: leader,
          form: ['committee_elected'],
          deadline: d('meeting_days', 15),
          vote: {
            mode: 'tally',
            secret: true,
            meetingType: '党员选举大会',
            options: {
              type: 'candidates',
              candidatesField: 'formal_candidates',
              seats: 5,
              seatsParam: 'committee_seats',
              maxPicks: 5,
              resultField: 'committee_elected',
              margin: { num: 1, den: 5, source: '中国共产党基层组织选举工作条例 第13条：委员候选人差额不少于应选人数的20%', provenance: 'STAT' },
            },
            quorum,
            pass,
            maxRevotes: 1,
            tellerRole: 'TWN_DEP_SEC_ORG',
            scrutineerRole: 'TWN_DISC',
            voterRole: 'PARTY_MEMBER',
          },
        },
        7,
        1,
      )
      .node(
        {
          id: 'secretary_nomination',
          kind: 'task',
          name: '确定书记候选人（等额）',
          stage: '选举大会',
          description: '从当选委员中确定书记候选人1名，等额选举。',
          assignment: leader,
          form: ['secretary_candidate'],
          requiredFields: ['secretary_candidate'],
          deadline: d('review_days', 5),
          actions: [action('done', '确定')],
        },
        8,
        1,
      )
      .node(
        {
          id: 'secretary_election',
          kind: 'vote',
          name: '二票决：选举书记（等额）',
          stage: '选举大会',
          description: '书记等额选举；当选票数基数为设置（按应到会/实到会有选举权人数计算）。',
          assignment: leader,
          form: ['secretary_elected'],
          deadline: d('meeting_days', 15),
          vote: {
            mode: 'tally',
            secret: true,
            meetingType: '党员选举大会',
            options: { type: 'candidates', candidatesField: 'secretary_candidate', seats: 1, maxPicks: 1, resultField: 'secretary_elected' },
            quorum,
            pass,
            maxRevotes: 1,
            tellerRole: 'TWN_DEP_SEC_ORG',
            scrutineerRole: 'TWN_DISC',
            voterRole: 'PARTY_MEMBER',
          },
        },
        9,
        1,
      );

  b.node({ id: 'start', kind: 'start', name: '启动公推直选' }, 0, 1)
    .node(
      {
        id: 'nomination',
        kind: 'task',
        name: '三荐',
        stage: '三荐',
        description: '个人自荐、党员（群众）联名推荐、组织推荐。联名最少人数种子未写明，默认5名党员 [DEFAULT]，由一审核对联名人数（引擎不自动校验表格行）。',
        assignment: leader,
        form: ['election_title', 'nominations'],
        requiredFields: ['election_title', 'nominations'],
        deadline: d('nomination_days', 10),
        actions: [action('done', '推荐截止')],
      },
      1,
      1,
    )
    .node({ id: 'review', kind: 'task', name: '一审：资格审查', stage: '一审', assignment: leader, form: ['eligibility_record', 'nominees'], requiredFields: ['nominees'], deadline: d('review_days', 5), actions: [action('done', '审查完毕')] }, 2, 1)
    .node(
      {
        id: 'nomination_meeting',
        kind: 'vote',
        name: '一会一票决：候选人推荐会',
        stage: '推荐会',
        description: '全体党员投票，按得票多少确定正式候选人（默认6名，应选委员5名，差额不少于20%，选举条例第13条）；并列者重新投票。',
        assignment: leader,
        form: ['formal_candidates'],
        deadline: d('meeting_days', 15),
        vote: {
          mode: 'tally',
          secret: true,
          meetingType: '候选人推荐会',
          options: { type: 'candidates', candidatesField: 'nominees', seats: 6, seatsParam: 'candidate_count', maxPicks: 6, resultField: 'formal_candidates' },
          pass: { base: 'cast', op: '>', num: 0, den: 1, provenance: 'SEED', source: 'SEED:003：按得票多少确定正式候选人' },
          maxRevotes: 1,
          tellerRole: 'TWN_DEP_SEC_ORG',
          scrutineerRole: 'TWN_DISC',
          voterRole: 'PARTY_MEMBER',
        },
      },
      3,
      1,
    )
    .node({ id: 'margin_short', kind: 'task', name: '差额不足，补充推荐', stage: '推荐会', description: '正式候选人少于应选委员人数的120%（选举条例第13条），选举不得进行：补充推荐后重开推荐会。', assignment: leader, form: ['nominees'], deadline: d('review_days', 5), actions: [action('done', '补充完毕')] }, 5, 3);
  committeeElection();
  b.node({ id: 'reschedule', kind: 'task', name: '到会不足，改期召开', stage: '选举大会', assignment: leader, deadline: d('meeting_days', 15), actions: [action('reschedule', '已改期')] }, 9, 4)
    .node({ id: 'gw_reschedule', kind: 'gateway', gateway: 'exclusive', name: '改期后选举哪一项' }, 8, 4)
    .node({ id: 'report_failure', kind: 'task', name: '另行选举仍未选出，报告上级党组织', stage: '选举大会', assignment: leader, form: ['approval_opinion'], deadline: d('approval_days', 30), actions: [action('reported', '已报告')] }, 10, 4)
    .node(
      {
        id: 'approval',
        kind: 'task',
        name: '报上级党组织批准',
        stage: '报批',
        assignment: { type: 'role', role: 'COUNTY_ORG', scope: 'county' },
        form: ['approval_opinion'],
        requiredFields: ['approval_opinion'],
        deadline: d('approval_days', 30),
        actions: [action('approve', '批准'), action('reject', '不批准', { approve: false, requireComment: true })],
      },
      10,
      1,
    )
    .node({ id: 'end_elected', kind: 'end', name: '班子产生并获批准', outcome: 'elected' }, 11, 1)
    .node({ id: 'end_not_approved', kind: 'end', name: '未获批准', outcome: 'not_approved' }, 11, 2)
    .node({ id: 'end_failed', kind: 'end', name: '未能选出', outcome: 'failed' }, 11, 4);

  b.edge('start', 'nomination')
    .edge('nomination', 'review', { outcome: 'done' })
    .edge('review', 'nomination_meeting', { outcome: 'done' })
    .edge('nomination_meeting', 'committee_election', { outcome: 'passed' })
    .edge('nomination_meeting', 'margin_short', { outcome: 'rejected' })
    .edge('margin_short', 'nomination_meeting', { outcome: 'done' })
    .edge('committee_election', 'margin_short', { outcome: 'margin_short', label: '差额不足20%' })
    .edge('committee_election', 'secretary_nomination', { outcome: 'passed' })
    .edge('secretary_nomination', 'secretary_election', { outcome: 'done' })
    .edge('committee_election', 'reschedule', { outcome: 'no_quorum', label: '到会不足4/5' })
    .edge('committee_election', 'report_failure', { outcome: 'rejected' })
    .edge('secretary_election', 'approval', { outcome: 'passed' })
    .edge('secretary_election', 'reschedule', { outcome: 'no_quorum' })
    .edge('secretary_election', 'report_failure', { outcome: 'rejected' });
  b.edge('reschedule', 'gw_reschedule', { outcome: 'reschedule' })
    .edge('gw_reschedule', 'committee_election', { condition: 'data.committee_elected == null || size(data.committee_elected) == 0', label: '委员尚未选出' })
    .edge('gw_reschedule', 'secretary_election', { default: true, label: '重新选举书记' })
    .edge('report_failure', 'end_failed', { outcome: 'reported' })
    .edge('approval', 'end_elected', { outcome: 'approve' })
    .edge('approval', 'end_not_approved', { outcome: 'reject' });

  return b.build();
}
