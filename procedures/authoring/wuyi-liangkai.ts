/**
 * 村级重大事项 五议两公开 / 四议两公开 / 四议一审两公开 (domain/procedures.md §1).
 * One definition; the variants are switched by boolean parameters read by exclusive gateways.
 */
import { action, days, deadline, DefinitionBuilder, presetVote, PRESETS as P, workDays } from './builder.js';

/** 土地承包方案: ⅔ of all 村民代表 / 村民会议 members (农村土地承包法 §19), not a majority of those present. */
const LAND = 'data.matter_category == "land_contract"';
const REPS = { meetingType: '村民代表会议', tellerRole: 'VIL_COMM', scrutineerRole: 'VIL_SUPERV', voterRole: 'VIL_REP' };
const VILLAGERS = { meetingType: '村民会议', tellerRole: 'VIL_COMM', scrutineerRole: 'VIL_SUPERV' };

export function wuyiLiangkai() {
  const b = new DefinitionBuilder({
    key: 'wuyi-liangkai',
    title: '村级重大事项五议两公开',
    category: '村级民主决策',
    summaryFields: ['matter_title', 'matter_category'],
    description:
      '村级重大事项民主决策（procedures.md §1）。同一流程通过参数切换三种做法：五议两公开（径山镇：党员群众建议→村党组织提议→村务联席会议商议→党员大会审议→村民代表会议票决；决议公开→组织实施→实施结果公开）、四议两公开（关闭“建议”环节）、四议一审两公开（开启“乡镇审核”）。' +
      '法定规则（村民委员会组织法 第21、22、24、26、27、30条）固定执行：代表会议须组成人员三分之二以上到会、到会过半数同意；村民会议须提前10日通知、过半数村民或三分之二以上户代表到会、到会过半数同意；村规民约等第27条事项只能由村民会议决定。' +
      '土地承包方案另依农村土地承包法第19条：须经村民会议三分之二以上成员或者三分之二以上村民代表同意（基数为全体，不是到会人员）。',
  });

  b.roleList('VIL_PARTY', 'VIL_COMM', 'VIL_SUPERV', 'VIL_REP', 'PARTY_MEMBER', 'TWN_SEC', 'TWN_LIAISON', 'TWN_MAYOR');
  // 党员群众建议 / 两委负责人建议 (SEED:000), 村党组织提议 (农村基层组织工作条例).
  b.starterRoles('VIL_PARTY', 'VIL_COMM', 'PARTY_MEMBER', 'VIL_REP', 'VILLAGER');

  b.field('matter_title', '事项名称', 'text', { required: true, maxLength: 200 })
    .select(
      'matter_category',
      '事项类别（组织法第24条）',
      [
        ['subsidy', '误工补贴人数及标准'],
        ['collective_income', '集体经济收入使用'],
        ['public_welfare', '公益事业兴办和筹资筹劳、建设承包方案'],
        ['land_contract', '土地承包经营方案（须三分之二以上全体村民代表或村民会议成员同意）'],
        ['collective_project', '集体经济项目立项、承包方案'],
        ['homestead', '宅基地使用方案'],
        ['compensation', '征地补偿费使用分配方案'],
        ['asset_disposal', '处分村集体财产'],
        ['livelihood', '村级重大民生工程（民生实事）'],
        ['charter', '村民自治章程、村规民约（第27条，须村民会议）'],
        ['other', '其他涉及村民利益事项'],
      ],
      { required: true },
    )
    .field('matter_content', '事项内容', 'longText', { required: true })
    .select('suggestion_source', '动议来源', [
      ['members_villagers', '党员群众建议'],
      ['cadres', '村干部提议'],
      ['superior', '上级党委政府安排'],
    ])
    .field('suggesters', '建议人', 'text')
    .field('cosigner_count', '联名人数', 'number', { min: 0 })
    .field('proposal_plan', '初步方案（调研论证）', 'longText')
    .field('consult_opinion', '商议意见', 'longText')
    .field('superv_opinion', '监委会核议意见', 'longText')
    .field('members_opinion', '党员审议意见', 'longText')
    .field('township_opinion', '乡镇审核意见', 'longText')
    .select('decision_body', '决议机构', [
      ['reps', '村民代表会议（受村民会议授权）'],
      ['villagers', '村民会议'],
    ])
    .field('resolution_text', '决议文本', 'longText')
    .field('objection_finding', '异议核实结论及书面答复', 'longText')
    .field('revision_note', '修订说明', 'longText')
    .field('tender_record', '公开招标记录', 'longText')
    .field('implementation_progress', '实施进度', 'longText')
    .field('supervision_record', '监督记录（监委会、义务监督员、专业监理）', 'longText')
    .field('result_summary', '实施结果及资金使用明细', 'longText')
    .field('evaluation_satisfaction', '评议满意度（%）', 'number', { min: 0, max: 100 });

  b.param({ key: 'has_suggestion_step', label: '设“党员群众建议”环节（五议）', type: 'boolean', default: true, provenance: 'SEED', source: 'SEED:000 径山镇 五议两公开；关闭即为四议两公开' })
    .param({ key: 'has_supervision_review', label: '设“村务监督委员会核议”环节', type: 'boolean', default: false, provenance: 'PUB', source: 'PUB marketingnearmeagency 五议两公开（另一做法）' })
    .param({
      key: 'has_township_review',
      label: '设“乡镇审核（一审）”环节（四议一审两公开）',
      type: 'boolean',
      default: false,
      provenance: 'UNCERTAIN',
      source: 'SEED:002 胶州 四议一审两公开（仅有名称）',
      note: '“四议一审两公开”——“一审”的内容和位置种子材料未写明（procedures.md §10 第7条）；默认为乡镇党委审核，置于党员大会审议之后、村民代表会议决议之前。',
    })
    .param({ key: 'has_evaluation', label: '设实施后“评议”环节', type: 'boolean', default: false, provenance: 'PUB', source: 'PUB sboyo 五议两公开（提议、商议、审议、决议、评议）' })
    .param({ key: 'suggest_days', label: '建议收集时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'propose_days', label: '村党组织提议时限（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'consult_days', label: '商议时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({
      key: 'consult_pass',
      label: '商议通过比例（两委全体成员）',
      type: 'fraction',
      default: { num: 1, den: 2 },
      provenance: 'DEFAULT',
      source: P['liangwei-shangyi'].source,
      note: '默认两委全体成员过半数（>½）同意；有地方要求“过半数两委成员赞成”。',
    })
    .param({ key: 'member_notice_days', label: '党员大会前送达方案（日）', type: 'number', default: 3, min: 0, provenance: 'PUB', source: 'PUB 70edu：会前3天将方案送达党员' })
    .param({
      key: 'members_quorum',
      label: '党员大会到会比例（党员总数）',
      type: 'fraction',
      default: { num: 2, den: 3 },
      provenance: 'PUB',
      source: 'PUB tunchang, 70edu：到会不少于党员总数三分之二',
      note: '到会三分之二为地方做法，非法定（procedures.md §10 第8条）。',
    })
    .param({
      key: 'members_pass',
      label: '党员大会审议通过比例（应到会有表决权党员）',
      type: 'fraction',
      default: { num: 1, den: 2 },
      provenance: 'UNCERTAIN',
      source: 'PUB：应到会党员半数以上同意',
      note: '“应到会党员半数以上”——按民法典第1259条字面含半数（≥½），但地方文本通常指过半数（procedures.md §10 第8条）；默认按过半数（>½）计。改为含半数请把运算符设为 >=。',
    })
    .param({ key: 'members_reconvene_days', label: '党员大会未达到会人数时重新召开时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: 'procedures.md §1.4 [DEFAULT]' })
    .param({ key: 'members_meeting_days', label: '党员大会召开时限（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'superv_review_days', label: '监委会核议时限（日）', type: 'number', default: 5, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'township_review_days', label: '乡镇审核时限（工作日）', type: 'number', default: 5, min: 1, provenance: 'DEFAULT', source: 'procedures.md §1.3 4a [DEFAULT]' })
    .param({ key: 'reps_meeting_days', label: '村民代表会议召开时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认（代表会议至少每季度召开一次，组织法第26条）' })
    .param({ key: 'villagers_notice_days', label: '村民会议提前通知（日）', type: 'number', default: 10, min: 10, provenance: 'STAT', source: '村民委员会组织法 第21条：召开村民会议应当提前十天通知村民' })
    .param({ key: 'publicity_days', label: '公示期', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: 'procedures.md §1.3 step 6 [DEFAULT]：7天（地方常见做法）；组织法第30条只要求重大事项随时公布' })
    .param({
      key: 'publicity_unit',
      label: '公示期计算单位',
      type: 'select',
      default: 'calendarDays',
      options: [
        { value: 'calendarDays', label: '自然日' },
        { value: 'workingDays', label: '工作日（跳过节假日，调休上班日计入）' },
      ],
      provenance: 'DEFAULT',
      source: 'procedures.md §0.3：公示期多为5个工作日或7天，须明确计算单位',
    })
    .param({ key: 'objection_answer_days', label: '异议核实答复时限（日）', type: 'number', default: 10, min: 1, provenance: 'PUB', source: 'PUB qiqiwenku 村章程：村委会10日内答复监督小组质询' })
    .param({ key: 'tender_days', label: '公开招标时限（日）', type: 'number', default: 30, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'implementation_days', label: '组织实施完成时限（日）', type: 'number', default: 90, min: 1, provenance: 'DEFAULT', source: '默认；逾期按 催办→督办 处理（SEED:000）' })
    .param({ key: 'revise_days', label: '两委修订方案时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'evaluation_days', label: '评议时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认' });

  const dflt = (param: string, amount: number) =>
    deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, escalateToRole: 'TWN_LIAISON', reminders: [days(1)] });

  // ── row 1: the spine ──
  b.node({ id: 'start', kind: 'start', name: '发起重大事项' }, 0, 2)
    .node({ id: 'gw_suggest', kind: 'gateway', gateway: 'exclusive', name: '是否设建议环节' }, 1, 2)
    .node(
      {
        id: 'suggest',
        kind: 'task',
        name: '党员群众建议',
        stage: '建议',
        description: '五议之一：收集党员、村民、两委负责人的建议（联名提案的人数记录在案）。SEED:000',
        assignment: { type: 'initiator' },
        form: ['matter_title', 'matter_category', 'matter_content', 'suggestion_source', 'suggesters', 'cosigner_count'],
        requiredFields: ['matter_title', 'matter_category', 'matter_content'],
        deadline: dflt('suggest_days', 7),
        actions: [action('submit', '提交建议')],
      },
      2,
      1,
    )
    .node(
      {
        id: 'propose',
        kind: 'task',
        name: '村党组织提议',
        stage: '提议',
        description: '支委会集体研究提出议案和初步方案；商议或决议未通过时回到此处修改或撤回。',
        assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
        form: ['matter_title', 'matter_category', 'matter_content', 'proposal_plan', 'revision_note'],
        requiredFields: ['matter_title', 'matter_category', 'proposal_plan'],
        deadline: dflt('propose_days', 10),
        actions: [action('propose', '提出议案'), action('withdraw', '撤回事项', { approve: false, requireComment: true })],
      },
      3,
      2,
    )
    .node(
      {
        id: 'consult',
        kind: 'vote',
        name: '村“两委”会议（村务联席会议）商议',
        stage: '商议',
        description: '村“两委”（村务联席会议）商议；默认两委全体成员过半数同意。未通过 → 退回提议。',
        assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
        form: ['consult_opinion'],
        deadline: dflt('consult_days', 7),
        vote: {
          mode: 'tally',
          secret: false,
          meetingType: '村务联席会议',
          options: { type: 'yesNo' },
          pass: { ...P['liangwei-shangyi'].pass, param: 'consult_pass' },
          tellerRole: 'VIL_COMM',
          scrutineerRole: 'VIL_SUPERV',
        },
      },
      4,
      2,
    )
    .node({ id: 'gw_superv', kind: 'gateway', gateway: 'exclusive', name: '是否设监委会核议' }, 5, 2)
    .node(
      {
        id: 'superv_review',
        kind: 'task',
        name: '村务监督委员会核议',
        stage: '核议',
        description: '核议是否弄虚作假、一言堂、损害群众利益；不通过 → 两委修订。',
        assignment: { type: 'role', role: 'VIL_SUPERV', scope: 'case' },
        form: ['superv_opinion'],
        requiredFields: ['superv_opinion'],
        deadline: dflt('superv_review_days', 5),
        actions: [action('agree', '核议通过'), action('disagree', '核议不通过', { approve: false, requireComment: true })],
      },
      6,
      1,
    )
    .node(
      {
        id: 'member_notice',
        kind: 'timer',
        name: '会前送达方案（3天）',
        description: '党员大会召开前将方案送达党员（PUB 70edu：会前3天）。',
        duration: days(3, 'member_notice_days'),
      },
      7,
      2,
    )
    .node(
      {
        id: 'members_meeting',
        kind: 'vote',
        name: '党员大会审议',
        stage: '审议',
        description: '预备党员列席，无表决权，不计入应到会人数。到会不足三分之二 → 重新召开；不同意 → 两委修订。',
        assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
        form: ['members_opinion'],
        deadline: dflt('members_meeting_days', 10),
        vote: {
          mode: 'tally',
          secret: true,
          meetingType: '党员大会',
          options: { type: 'yesNo' },
          quorum: { combine: 'all', rules: [{ ...P['dangyuan-dahui-shenyi'].quorum.rules[0], param: 'members_quorum' }] },
          pass: { ...P['dangyuan-dahui-shenyi'].pass, param: 'members_pass' },
          tellerRole: 'VIL_PARTY',
          scrutineerRole: 'VIL_SUPERV',
          voterRole: 'PARTY_MEMBER',
        },
      },
      8,
      2,
    )
    .node(
      {
        id: 'members_reconvene',
        kind: 'task',
        name: '党员大会重新召集',
        stage: '审议',
        description: '到会不足，不得形成审议结果；在规定时限内重新召开（procedures.md §1.4）。',
        assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
        deadline: dflt('members_reconvene_days', 7),
        actions: [action('reconvene', '已重新通知召开')],
      },
      8,
      3,
    )
    .node({ id: 'gw_township', kind: 'gateway', gateway: 'exclusive', name: '是否设乡镇审核' }, 9, 2)
    .node(
      {
        id: 'township_review',
        kind: 'task',
        name: '乡镇党委审核（一审）',
        stage: '一审',
        description: '四议一审两公开的“一审”：审核合法、合规、合政策；不同意须书面说明理由，退回两委修订后重新商议。',
        assignment: { type: 'role', role: 'TWN_SEC', scope: 'township' },
        form: ['township_opinion'],
        requiredFields: ['township_opinion'],
        deadline: deadline(workDays(5, 'township_review_days'), { provenance: 'DEFAULT', source: 'procedures.md §1.3 4a：审核时限5个工作日 [DEFAULT]', reminders: [days(1)] }),
        actions: [action('approve', '审核同意'), action('reject', '审核不同意', { approve: false, requireComment: true })],
      },
      10,
      1,
    )
    .node({ id: 'gw_body', kind: 'gateway', gateway: 'exclusive', name: '决议机构' }, 11, 2)
    .node(
      {
        id: 'reps_meeting',
        kind: 'vote',
        name: '村民代表会议票决',
        stage: '决议',
        description: '村委会召集主持，在村党组织领导下票决（默认无记名）。须组成人员三分之二以上参加方可召开，到会人员过半数同意（组织法第26条，不可放宽）。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['resolution_text'],
        deadline: deadline(days(15, 'reps_meeting_days'), { provenance: 'DEFAULT', source: '参数 reps_meeting_days', escalateToRole: 'TWN_LIAISON', reminders: [days(1)] }),
        vote: presetVote('cunmin-daibiao-huiyi', REPS),
      },
      12,
      2,
    )
    .node(
      {
        id: 'reps_meeting_land',
        kind: 'vote',
        name: '村民代表会议票决（土地承包方案）',
        stage: '决议',
        description: '土地承包方案须经三分之二以上村民代表同意（农村土地承包法第19条；组织法第22条：法律另有规定的，依照其规定）：基数是全体村民代表，不是到会人员；到会仍须组成人员三分之二以上（组织法第26条）。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['resolution_text'],
        deadline: deadline(days(15, 'reps_meeting_days'), { provenance: 'DEFAULT', source: '参数 reps_meeting_days', escalateToRole: 'TWN_LIAISON', reminders: [days(1)] }),
        vote: presetVote('tudi-chengbao-daibiao', REPS),
      },
      12,
      1,
    )
    .node(
      {
        id: 'reps_no_quorum',
        kind: 'task',
        name: '代表会议未达法定人数处置',
        stage: '决议',
        description: '组成人员不足三分之二到会，会议不得召开（组织法第26条）：重新召集，或改开村民会议。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        deadline: dflt('members_reconvene_days', 7),
        actions: [action('reconvene', '重新召集代表会议'), action('to_villagers', '改开村民会议')],
      },
      12,
      3,
    )
    .node(
      {
        id: 'villagers_notice',
        kind: 'timer',
        name: '村民会议提前10日通知',
        description: '召开村民会议应当提前十天通知村民（组织法第21条）；参数不得小于10。',
        duration: days(10, 'villagers_notice_days'),
      },
      12,
      0,
    )
    .node(
      {
        id: 'villagers_meeting',
        kind: 'vote',
        name: '村民会议票决',
        stage: '决议',
        description: '本村十八周岁以上村民过半数，或本村三分之二以上户的代表参加；到会人员过半数同意（组织法第22条，不可放宽）。未达人数 → 重新通知或分片召开。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['resolution_text'],
        deadline: deadline(days(15, 'reps_meeting_days'), { provenance: 'DEFAULT', source: '参数 reps_meeting_days', escalateToRole: 'TWN_LIAISON', reminders: [days(1)] }),
        vote: presetVote('cunmin-huiyi', VILLAGERS),
      },
      13,
      0,
    )
    .node({ id: 'gw_villagers_rule', kind: 'gateway', gateway: 'exclusive', name: '村民会议表决规则' }, 12.5, -1)
    .node(
      {
        id: 'villagers_meeting_land',
        kind: 'vote',
        name: '村民会议票决（土地承包方案）',
        stage: '决议',
        description: '土地承包方案须经村民会议三分之二以上成员（本村十八周岁以上村民）同意（农村土地承包法第19条）：基数是全体成员，不是到会人员；召开仍须过半数村民或三分之二以上户的代表参加（组织法第22条）。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['resolution_text'],
        deadline: deadline(days(15, 'reps_meeting_days'), { provenance: 'DEFAULT', source: '参数 reps_meeting_days', escalateToRole: 'TWN_LIAISON', reminders: [days(1)] }),
        vote: presetVote('tudi-chengbao-cunmin', VILLAGERS),
      },
      13,
      -1,
    )
    .node(
      {
        id: 'villagers_no_quorum',
        kind: 'task',
        name: '村民会议未达法定人数处置',
        stage: '决议',
        description: '重新通知（再提前10日），或分片召开（多数省级办法允许）。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        deadline: dflt('members_reconvene_days', 7),
        actions: [action('renotice', '重新通知召开'), action('by_section', '分片召开')],
      },
      14,
      0,
    )
    .node(
      {
        id: 'resolution_failed',
        kind: 'task',
        name: '决议未通过处置',
        stage: '决议',
        description: '事项不予通过；修订后可重新提议（procedures.md §1.4）。',
        assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
        form: ['revision_note'],
        deadline: dflt('revise_days', 15),
        actions: [action('repropose', '修订后重新提议'), action('drop', '事项终止', { approve: false, requireComment: true })],
      },
      13,
      4,
    )
    .node(
      {
        id: 'revise',
        kind: 'task',
        name: '两委修订方案',
        stage: '商议',
        description: '党员大会不同意、监委会核议不通过、乡镇审核不同意或公示异议成立时：吸纳意见修订方案后重新商议，或撤回。',
        assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
        form: ['proposal_plan', 'revision_note'],
        requiredFields: ['revision_note'],
        deadline: dflt('revise_days', 15),
        actions: [action('reconsult', '修订后重新商议'), action('withdraw', '撤回事项', { approve: false, requireComment: true })],
      },
      6,
      4,
    )
    .node({ id: 'gw_pub_unit', kind: 'gateway', gateway: 'exclusive', name: '公示期计算单位' }, 14, 2);

  const publicity = (id: string, name: string, stage: string, unit: 'calendar' | 'working', col: number, row: number, form: string[]) =>
    b.node(
      {
        id,
        kind: 'publicity',
        name,
        stage,
        description: `在村务公开栏及各村民小组公示，期间可登记异议（组织法第30条：重大事项随时公布）。公示期按${unit === 'working' ? '工作日' : '自然日'}计。`,
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form,
        period: unit === 'working' ? workDays(7, 'publicity_days') : days(7, 'publicity_days'),
        channel: '村务公开栏',
      },
      col,
      row,
    );

  publicity('publish_resolution', '决议公开', '决议公开', 'calendar', 15, 1, ['resolution_text']);
  publicity('publish_resolution_wd', '决议公开（工作日）', '决议公开', 'working', 15, 3, ['resolution_text']);

  b.node(
    {
      id: 'objection_review',
      kind: 'task',
      name: '监委会核实异议',
      stage: '决议公开',
      description: '村务监督委员会核实异议：异议成立 → 中止实施，退回两委修订后重新商议；不成立 → 书面答复异议人后组织实施。',
      assignment: { type: 'role', role: 'VIL_SUPERV', scope: 'case' },
      form: ['objection_finding'],
      requiredFields: ['objection_finding'],
      deadline: deadline(days(10, 'objection_answer_days'), { provenance: 'PUB', source: 'PUB qiqiwenku 村章程：10日内答复', escalateToRole: 'TWN_LIAISON', reminders: [days(1)] }),
      actions: [action('dismissed', '异议不成立'), action('upheld', '异议成立，中止实施', { approve: false, requireComment: true })],
    },
    16,
    4,
  )
    .node({ id: 'reply_dismissed', kind: 'service', name: '书面答复异议人（不成立）', action: 'notice', params: { template: 'generic', title: '异议答复书' } }, 17, 4)
    .node({ id: 'reply_upheld', kind: 'service', name: '书面答复异议人（成立）', action: 'notice', params: { template: 'generic', title: '异议答复书（异议成立，暂停实施）' } }, 16, 5)
    .node({ id: 'split_impl', kind: 'gateway', gateway: 'parallelSplit', name: '实施与监督并行' }, 17, 2)
    .node(
      {
        id: 'tender',
        kind: 'task',
        name: '公开招标',
        stage: '组织实施',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['tender_record'],
        requiredFields: ['tender_record'],
        deadline: dflt('tender_days', 30),
        actions: [action('done', '招标完成')],
      },
      18,
      1,
    )
    .node(
      {
        id: 'implement',
        kind: 'task',
        name: '组织实施',
        stage: '组织实施',
        description: '村两委明确责任人、计划、完成时限；逾期 → 催办（提醒）→ 督办（包村干部）。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['implementation_progress'],
        requiredFields: ['implementation_progress'],
        deadline: deadline(days(90, 'implementation_days'), {
          provenance: 'DEFAULT',
          source: 'SEED:000 交办→催办→督办；时限为默认值',
          reminders: [days(7), days(1)],
          escalateToRole: 'TWN_LIAISON',
        }),
        actions: [action('done', '实施完成')],
      },
      19,
      1,
    )
    .node(
      {
        id: 'supervise',
        kind: 'task',
        name: '村务监督委员会全程监督',
        stage: '组织实施',
        description: '监委会、村民义务监督员、专业监理全程监督（SEED:000）。',
        assignment: { type: 'role', role: 'VIL_SUPERV', scope: 'case' },
        form: ['supervision_record'],
        requiredFields: ['supervision_record'],
        deadline: deadline(days(90, 'implementation_days'), { provenance: 'DEFAULT', source: '与实施时限相同', reminders: [days(7)] }),
        actions: [action('done', '监督完成')],
      },
      18,
      3,
    )
    .node({ id: 'join_impl', kind: 'gateway', gateway: 'parallelJoin', name: '实施完成', pairedWith: 'split_impl' }, 20, 2)
    .node({ id: 'gw_result_unit', kind: 'gateway', gateway: 'exclusive', name: '公示期计算单位' }, 21, 2);
  publicity('publish_result', '实施结果公开', '结果公开', 'calendar', 22, 1, ['result_summary']);
  publicity('publish_result_wd', '实施结果公开（工作日）', '结果公开', 'working', 22, 3, ['result_summary']);
  b.node(
    {
      id: 'result_objection',
      kind: 'task',
      name: '核实结果公开异议',
      stage: '结果公开',
      description: '村务监督委员会核实并书面答复；村委会不公布或公布不实的，报乡镇政府责令依法公布（组织法第31条）。',
      assignment: { type: 'role', role: 'VIL_SUPERV', scope: 'case' },
      form: ['objection_finding'],
      requiredFields: ['objection_finding'],
      deadline: deadline(days(10, 'objection_answer_days'), { provenance: 'PUB', source: 'PUB qiqiwenku 村章程：10日内答复', reminders: [days(1)] }),
      actions: [action('answered', '已核实答复'), action('report_township', '报乡镇政府责令公布', { approve: false, requireComment: true })],
    },
    23,
    4,
  )
    .node(
      {
        id: 'township_correction',
        kind: 'task',
        name: '乡镇政府调查并责令依法公布',
        stage: '结果公开',
        description: '组织法第31条：村民可向乡镇政府反映，乡镇政府调查核实，责令依法公布。',
        assignment: { type: 'role', role: 'TWN_MAYOR', scope: 'township' },
        form: ['objection_finding'],
        deadline: deadline(days(15), { provenance: 'DEFAULT', source: '默认' }),
        actions: [action('ordered', '已责令依法公布')],
      },
      24,
      4,
    )
    .node({ id: 'gw_eval', kind: 'gateway', gateway: 'exclusive', name: '是否评议' }, 24, 2)
    .node(
      {
        id: 'evaluation',
        kind: 'task',
        name: '评议',
        stage: '评议',
        description: '实施后由村民代表评议满意度（PUB sboyo 五议两公开）。',
        assignment: { type: 'role', role: 'VIL_REP', scope: 'case' },
        form: ['evaluation_satisfaction'],
        requiredFields: ['evaluation_satisfaction'],
        deadline: dflt('evaluation_days', 15),
        actions: [action('done', '评议完成')],
      },
      25,
      1,
    )
    .node({ id: 'end_adopted', kind: 'end', name: '决议实施完毕', outcome: 'adopted' }, 26, 2)
    .node({ id: 'end_withdrawn', kind: 'end', name: '事项撤回', outcome: 'withdrawn' }, 7, 5)
    .node({ id: 'end_rejected', kind: 'end', name: '决议未通过', outcome: 'rejected' }, 14, 5);

  // ── edges ──
  b.edge('start', 'gw_suggest')
    .edge('gw_suggest', 'suggest', { condition: 'params.has_suggestion_step == true', label: '五议' })
    .edge('gw_suggest', 'propose', { default: true, label: '四议' })
    .edge('suggest', 'propose', { outcome: 'submit' })
    .edge('propose', 'consult', { outcome: 'propose' })
    .edge('propose', 'end_withdrawn', { outcome: 'withdraw', label: '撤回' })
    .edge('consult', 'gw_superv', { outcome: 'passed', label: '通过' })
    .edge('consult', 'propose', { outcome: 'rejected', label: '未通过，退回提议' })
    .edge('gw_superv', 'superv_review', { condition: 'params.has_supervision_review == true', label: '核议' })
    .edge('gw_superv', 'member_notice', { default: true })
    .edge('superv_review', 'member_notice', { outcome: 'agree' })
    .edge('superv_review', 'revise', { outcome: 'disagree', label: '不通过' })
    .edge('member_notice', 'members_meeting')
    .edge('members_meeting', 'gw_township', { outcome: 'passed', label: '同意' })
    .edge('members_meeting', 'revise', { outcome: 'rejected', label: '不同意' })
    .edge('members_meeting', 'members_reconvene', { outcome: 'no_quorum', label: '到会不足⅔' })
    .edge('members_reconvene', 'members_meeting', { outcome: 'reconvene' })
    .edge('revise', 'consult', { outcome: 'reconsult', label: '重新商议' })
    .edge('revise', 'end_withdrawn', { outcome: 'withdraw', label: '撤回' })
    .edge('gw_township', 'township_review', { condition: 'params.has_township_review == true', label: '一审' })
    .edge('gw_township', 'gw_body', { default: true })
    .edge('township_review', 'gw_body', { outcome: 'approve' })
    .edge('township_review', 'revise', { outcome: 'reject', label: '不同意，书面说明理由' })
    .edge('gw_body', 'villagers_notice', {
      condition: 'data.decision_body == "villagers" || data.matter_category == "charter"',
      label: '村民会议（第27条事项必须）',
    })
    .edge('gw_body', 'reps_meeting_land', { condition: LAND, label: '土地承包方案（⅔ 全体代表）' })
    .edge('gw_body', 'reps_meeting', { default: true, label: '村民代表会议' });
  for (const id of ['reps_meeting', 'reps_meeting_land']) {
    b.edge(id, 'gw_pub_unit', { outcome: 'passed', label: '通过' })
      .edge(id, 'resolution_failed', { outcome: 'rejected', label: '未通过' })
      .edge(id, 'reps_no_quorum', { outcome: 'no_quorum', label: '到会不足⅔' });
  }
  b.edge('reps_no_quorum', 'gw_body', { outcome: 'reconvene', label: '重新召集' })
    .edge('reps_no_quorum', 'villagers_notice', { outcome: 'to_villagers' })
    .edge('villagers_notice', 'gw_villagers_rule')
    .edge('gw_villagers_rule', 'villagers_meeting_land', { condition: LAND, label: '土地承包方案（⅔ 全体成员）' })
    .edge('gw_villagers_rule', 'villagers_meeting', { default: true });
  for (const id of ['villagers_meeting', 'villagers_meeting_land']) {
    b.edge(id, 'gw_pub_unit', { outcome: 'passed', label: '通过' })
      .edge(id, 'resolution_failed', { outcome: 'rejected', label: '未通过' })
      .edge(id, 'villagers_no_quorum', { outcome: 'no_quorum', label: '到会不足' });
  }
  b.edge('villagers_no_quorum', 'villagers_notice', { outcome: 'renotice' })
    .edge('villagers_no_quorum', 'gw_villagers_rule', { outcome: 'by_section' })
    .edge('resolution_failed', 'propose', { outcome: 'repropose' })
    .edge('resolution_failed', 'end_rejected', { outcome: 'drop' })
    .edge('gw_pub_unit', 'publish_resolution_wd', { condition: 'params.publicity_unit == "workingDays"', label: '工作日' })
    .edge('gw_pub_unit', 'publish_resolution', { default: true, label: '自然日' })
    .edge('publish_resolution', 'split_impl', { outcome: 'clear', label: '无异议' })
    .edge('publish_resolution', 'objection_review', { outcome: 'objections', label: '有异议' })
    .edge('publish_resolution_wd', 'split_impl', { outcome: 'clear', label: '无异议' })
    .edge('publish_resolution_wd', 'objection_review', { outcome: 'objections', label: '有异议' })
    .edge('objection_review', 'reply_dismissed', { outcome: 'dismissed' })
    .edge('objection_review', 'reply_upheld', { outcome: 'upheld' })
    .edge('reply_dismissed', 'split_impl')
    .edge('reply_upheld', 'revise')
    .edge('split_impl', 'tender')
    .edge('split_impl', 'supervise')
    .edge('tender', 'implement', { outcome: 'done' })
    .edge('implement', 'join_impl', { outcome: 'done' })
    .edge('supervise', 'join_impl', { outcome: 'done' })
    .edge('join_impl', 'gw_result_unit')
    .edge('gw_result_unit', 'publish_result_wd', { condition: 'params.publicity_unit == "workingDays"', label: '工作日' })
    .edge('gw_result_unit', 'publish_result', { default: true, label: '自然日' })
    .edge('publish_result', 'gw_eval', { outcome: 'clear', label: '无异议' })
    .edge('publish_result', 'result_objection', { outcome: 'objections', label: '有异议' })
    .edge('publish_result_wd', 'gw_eval', { outcome: 'clear', label: '无异议' })
    .edge('publish_result_wd', 'result_objection', { outcome: 'objections', label: '有异议' })
    .edge('result_objection', 'gw_eval', { outcome: 'answered' })
    .edge('result_objection', 'township_correction', { outcome: 'report_township' })
    .edge('township_correction', 'gw_eval', { outcome: 'ordered' })
    .edge('gw_eval', 'evaluation', { condition: 'params.has_evaluation == true', label: '评议' })
    .edge('gw_eval', 'end_adopted', { default: true })
    .edge('evaluation', 'end_adopted', { outcome: 'done' });

  return b.build();
}
