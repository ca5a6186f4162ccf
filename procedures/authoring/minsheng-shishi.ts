/**
 * 镇级民生实事项目 人大代表票决制 (domain/procedures.md §6.3, SEED:000 径山镇): 征集 → 镇政府初选候选
 * 项目 (差额) → 镇党委审定 → 人代会无记名票决, 按得票多少取足名额 → 公布、实施 → 代表监督 → 满意度测评.
 * The number of projects is a setting (seats as a parameter), the candidates a list of texts.
 */
import { action, days, deadline, DefinitionBuilder, dur, PRESETS as P } from './builder.js';

export function minshengShishi() {
  const b = new DefinitionBuilder({
    key: 'minsheng-shishi',
    title: '民生实事项目人大代表票决',
    category: '民生实事',
    summaryFields: ['year'],
    description:
      '镇级民生实事项目人大代表票决制（procedures.md §6.3，SEED:000 径山镇“镇级人大代表票决、村级五议两公开、组级户主签字”）：会前充分征求全镇各层面意见征集项目 → 镇政府初选提出候选项目（候选项目多于拟定项目数，差额）→ 镇党委审定 → 镇人代会无记名票决，按得票多少取足名额，每个入选项目须获全体代表过半数赞成（默认，参照地方组织法）→ 公布并组织实施 → 人大代表监督 → 下次会议满意度测评（满意票达全体代表半数为满意；满意与基本满意合计达半数为基本满意；否则不满意，PUB 镇海区）。' +
      '拟定项目数为参数（默认10项）；候选项目是一组文字（每行一个项目）。',
  });

  b.roleList('TWN_MAYOR', 'TWN_SEC', 'TWN_NPC', 'TWN_DISC');
  // 乡镇人民政府提出候选项目，人大主席团组织票决。
  b.starterRoles('TWN_MAYOR', 'TWN_NPC');

  b.field('year', '年度', 'number', { required: true, min: 2000, max: 2100 })
    .field('solicitation', '项目征集情况（各层面意见）', 'longText')
    .field('candidate_projects', '候选项目（每行一个）', 'textList', { maxLength: 100, max: 60, description: '镇政府初选提出的候选项目名称；须多于拟定项目数（差额）。' })
    .field('party_opinion', '镇党委审定意见', 'longText')
    .field('selected_projects', '票决确定的民生实事项目', 'textList', { maxLength: 100 })
    .field('shortfall_note', '未选足名额的处理意见', 'longText')
    .field('implementation_plan', '实施计划与进度', 'longText')
    .field('supervision_record', '代表监督（视察、跟踪）记录', 'longText')
    .field('project_ratings', '满意度测评', 'table', {
      columns: [
        { key: 'project', label: '项目', type: 'text', required: true, sensitive: false },
        { key: 'satisfied', label: '满意票', type: 'number', required: true, sensitive: false, min: 0 },
        { key: 'basic', label: '基本满意票', type: 'number', required: true, sensitive: false, min: 0 },
        { key: 'unsatisfied', label: '不满意票', type: 'number', required: true, sensitive: false, min: 0 },
        { key: 'total', label: '全体代表人数', type: 'number', required: true, sensitive: false, min: 1 },
      ],
    })
    .field('rating_results', '测评结果', 'textList');

  b.param({ key: 'project_count', label: '拟定民生实事项目数（应选项数）', type: 'number', default: 10, min: 1, max: 50, provenance: 'PUB', source: 'PUB：宁海县15选12、力洋镇20选10；各镇按年度财力确定' })
    .param({ key: 'solicit_days', label: '项目征集时限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'shortlist_days', label: '初选候选项目时限（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'review_days', label: '镇党委审定时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'session_days', label: '人代会票决时限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'publicity_days', label: '公布期（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'implementation_months', label: '实施期限（月）', type: 'number', default: 12, min: 1, provenance: 'DEFAULT', source: '默认：年度实事当年完成' });

  const dflt = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(1)] });
  const gov = { type: 'role' as const, role: 'TWN_MAYOR', scope: 'township' as const };
  const npc = { type: 'role' as const, role: 'TWN_NPC', scope: 'township' as const };
  const vote = P['rendaihui-piaojue'];

  b.node({ id: 'start', kind: 'start', name: '启动年度民生实事征集' }, 0, 1)
    .node({ id: 'solicit', kind: 'task', name: '项目征集', stage: '征集', description: '会前充分征求全镇各层面意见（SEED:000）。', assignment: gov, form: ['year', 'solicitation'], requiredFields: ['year', 'solicitation'], deadline: dflt('solicit_days', 30), actions: [action('done', '征集完毕')] }, 1, 1)
    .node(
      {
        id: 'shortlist',
        kind: 'task',
        name: '镇政府初选候选项目',
        stage: '初选',
        description: '提出候选项目（名称、总投资、完成时间可在说明中写明），候选项目须多于拟定项目数（差额，PUB）。',
        assignment: gov,
        form: ['candidate_projects'],
        requiredFields: ['candidate_projects'],
        deadline: dflt('shortlist_days', 10),
        actions: [action('submit', '报镇党委审定')],
      },
      2,
      1,
    )
    .node({ id: 'party_review', kind: 'task', name: '镇党委审定候选项目', stage: '审定', assignment: { type: 'role', role: 'TWN_SEC', scope: 'township' }, form: ['party_opinion'], requiredFields: ['party_opinion'], deadline: dflt('review_days', 7), actions: [action('approve', '审定同意'), action('revise', '退回调整', { approve: false, requireComment: true })] }, 3, 1)
    .node(
      {
        id: 'npc_vote',
        kind: 'vote',
        name: '镇人代会票决民生实事项目',
        stage: '票决',
        description: '无记名投票，每张选票所选项目不得多于拟定项目数；按得票多少取足名额，每个入选项目须获全体代表过半数赞成（默认，参照地方组织法）；候选项目不多于拟定项目数的不得票决（差额）；并列的另行票决。',
        assignment: npc,
        form: ['selected_projects'],
        deadline: dflt('session_days', 30),
        vote: {
          mode: 'tally',
          secret: true,
          meetingType: '镇人民代表大会',
          options: {
            type: 'candidates',
            candidatesField: 'candidate_projects',
            seats: 10,
            seatsParam: 'project_count',
            maxPicks: 10,
            resultField: 'selected_projects',
            margin: { num: 1, den: 5, source: 'PUB：差额票决，候选项目多于拟定项目（宁海县15选12、力洋镇20选10）；默认差额不少于20%', provenance: 'DEFAULT' },
          },
          quorum: {
            combine: 'all',
            rules: [{ base: 'all', op: '>=', num: 2, den: 3, source: '参照 地方组织法：乡镇人民代表大会会议须有三分之二以上代表出席始得举行', provenance: 'DEFAULT' }],
          },
          pass: { ...vote.pass },
          maxRevotes: 1,
          tellerRole: 'TWN_NPC',
          scrutineerRole: 'TWN_DISC',
        },
      },
      4,
      1,
    )
    .node({ id: 'shortfall', kind: 'task', name: '未选足名额的处理', stage: '票决', description: '另行票决后仍未选足的：以已获通过的项目为本年度民生实事，或由镇政府补充候选项目后下次会议票决（主席团决定）。', assignment: npc, form: ['shortfall_note'], requiredFields: ['shortfall_note'], deadline: dflt('review_days', 7), actions: [action('accept', '以已通过项目为准'), action('resubmit', '补充候选项目再票决', { approve: false })] }, 4, 3)
    .node({ id: 'reconvene', kind: 'task', name: '出席不足，另行召开', stage: '票决', assignment: npc, deadline: dflt('review_days', 7), actions: [action('reconvene', '已另行召开')] }, 5, 3)
    .node({ id: 'announce', kind: 'publicity', name: '公布票决确定的民生实事项目', stage: '公布', assignment: gov, form: ['selected_projects'], period: days(7, 'publicity_days'), channel: '政务公开栏、网站' }, 5, 1)
    .node({ id: 'split_impl', kind: 'gateway', gateway: 'parallelSplit', name: '实施与代表监督' }, 6, 1)
    .node({ id: 'implement', kind: 'task', name: '镇政府组织实施', stage: '实施', assignment: gov, form: ['implementation_plan'], requiredFields: ['implementation_plan'], deadline: deadline(dur(12, 'months', 'implementation_months'), { provenance: 'DEFAULT', source: '参数 implementation_months', reminders: [days(30), days(7)] }), actions: [action('done', '实施完成')] }, 7, 0)
    .node({ id: 'supervise', kind: 'task', name: '人大代表监督', stage: '实施', description: '人大主席团、代表小组视察、跟踪（PUB 洛阳）。', assignment: npc, form: ['supervision_record'], requiredFields: ['supervision_record'], deadline: deadline(dur(12, 'months', 'implementation_months'), { provenance: 'DEFAULT', source: '与实施期限相同' }), actions: [action('done', '监督完成')] }, 7, 2)
    .node({ id: 'join_impl', kind: 'gateway', gateway: 'parallelJoin', name: '实施结束', pairedWith: 'split_impl' }, 8, 1)
    .node(
      {
        id: 'rating',
        kind: 'task',
        name: '代表满意度测评',
        stage: '测评',
        description: '下次人代会对每个项目测评：满意票达全体代表半数的为满意；满意与基本满意合计达半数的为基本满意；否则为不满意（PUB 镇海区）。',
        assignment: npc,
        form: ['project_ratings'],
        requiredFields: ['project_ratings'],
        deadline: dflt('session_days', 30),
        actions: [action('done', '录入测评结果')],
      },
      9,
      1,
    )
    .node({
      id: 'rate',
      kind: 'service',
      name: '计算各项目测评等次',
      action: 'setData',
      params: {
        set: {
          rating_results:
            'data.project_ratings.map(r, r.project + "：" + (r.satisfied * 2.0 >= r.total ? "满意" : ((r.satisfied + r.basic) * 2.0 >= r.total ? "基本满意" : "不满意")))',
        },
      },
    }, 10, 1)
    .node({ id: 'end_rated', kind: 'end', name: '年度民生实事测评完成', outcome: 'rated' }, 11, 1);

  b.edge('start', 'solicit')
    .edge('solicit', 'shortlist', { outcome: 'done' })
    .edge('shortlist', 'party_review', { outcome: 'submit' })
    .edge('party_review', 'npc_vote', { outcome: 'approve' })
    .edge('party_review', 'shortlist', { outcome: 'revise' })
    .edge('npc_vote', 'announce', { outcome: 'passed' })
    .edge('npc_vote', 'shortfall', { outcome: 'rejected', label: '未选足' })
    .edge('npc_vote', 'reconvene', { outcome: 'no_quorum', label: '出席不足⅔' })
    .edge('npc_vote', 'shortlist', { outcome: 'margin_short', label: '候选项目不足（差额）' })
    .edge('reconvene', 'npc_vote', { outcome: 'reconvene' })
    .edge('shortfall', 'announce', { outcome: 'accept' })
    .edge('shortfall', 'shortlist', { outcome: 'resubmit' })
    .edge('announce', 'split_impl', { outcome: 'clear' })
    .edge('announce', 'split_impl', { outcome: 'objections' })
    .edge('split_impl', 'implement')
    .edge('split_impl', 'supervise')
    .edge('implement', 'join_impl', { outcome: 'done' })
    .edge('supervise', 'join_impl', { outcome: 'done' })
    .edge('join_impl', 'rating')
    .edge('rating', 'rate', { outcome: 'done' })
    .edge('rate', 'end_rated');

  return b.build();
}
