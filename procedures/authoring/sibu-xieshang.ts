/**
 * 组级四步协商法 一提、二议、三决、四做 (domain/procedures.md §2, SEED:000 径山镇).
 */
import { action, days, deadline, DefinitionBuilder, PRESETS as P } from './builder.js';

export function sibuXieshang() {
  const b = new DefinitionBuilder({
    key: 'sibu-xieshang',
    title: '组级四步协商法',
    category: '村级民主决策',
    summaryFields: ['topic_title', 'channel'],
    description:
      '村民小组“一提、二议、三决、四做”（procedures.md §2，SEED:000 径山镇）。案件所在单位为村民小组；小网格长在本组、中网格长和村委会在上级村、一长三员在议题登记时选定的网格中查找。' +
      '户主会议按组织法第28条：本组十八周岁以上村民三分之二以上或本组三分之二以上户的代表参加，到会人员过半数同意（不可放宽）；组级民生工程还须户主签字达到比例（参数，种子文字残缺）。表决结果上报村备案或审核；属村级重大事项的通知村党组织转入五议两公开。',
  });

  // 一提: 一长三员 from their visits, the 小网格 from the group, the 大网格 from its work plan (SEED:000).
  b.starterRoles('GRID_1L3Y', 'GRID_SMALL', 'GRID_BIG');
  b.roleList('GRID_1L3Y', 'GRID_SMALL', 'GRID_MID', 'SUB_BRANCH', 'VIL_REP', 'GROUP_LEADER', 'HOUSEHOLD', 'VIL_COMM', 'VIL_PARTY')
    .role('LEGAL_ADVISOR', { name: '合法性审查人（村法律顾问/镇司法所）', level: 'village', description: 'procedures.md §2.2 2b：审查人角色种子未写明，默认村法律顾问或镇司法所 [DEFAULT]。' });

  b.field('topic_title', '议题', 'text', { required: true, maxLength: 200 })
    .select('channel', '提出渠道', [
      ['grid_visits', '一长三员联系走访收集'],
      ['small_grid', '小网格组内事项'],
      ['big_grid', '大网格工作布置'],
    ], { required: true })
    .field('proposer', '提出人', 'text')
    .field('grid', '所在网格', 'orgUnit', { required: true })
    .field('topic_content', '议题内容', 'longText', { required: true })
    .field('households_involved', '涉及户数', 'number', { min: 0 })
    .field('is_livelihood_project', '组级民生工程（须户主签字）', 'boolean')
    .field('first_plan', '初步方案及征求意见记录', 'longText')
    .field('final_plan', '方案定稿', 'longText')
    .field('legal_opinion', '合法性审查意见（依据、结论）', 'longText')
    .field('meeting_record', '户主会议记录', 'longText')
    .field('revision_note', '修订说明', 'longText')
    .field('village_opinion', '村审核/踏看意见', 'longText')
    .field('implementation_record', '实施台账', 'longText')
    .field('supervision_record', '一长三员监督记录', 'longText')
    .field('result_summary', '结果公布内容', 'longText');

  b.param({
    key: 'signature_threshold',
    label: '户主签字同意比例（组级民生工程）',
    type: 'fraction',
    default: { num: 2, den: 3 },
    provenance: 'UNCERTAIN',
    source: 'SEED:000：“经过[残缺]村民签字同意后才能上报到村里”',
    note: '户主签字制的比例在种子材料中为乱码“20230%”，无法还原（procedures.md §10 第4条）；默认全部户数的三分之二以上同意（与组织法第28条三分之二到会一致），可改为如80%。',
  })
    .param({ key: 'first_deliberation_days', label: '初议时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'second_deliberation_days', label: '再议时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'legal_review_days', label: '合法性审查时限（日）', type: 'number', default: 5, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'meeting_days', label: '户主会议召开时限（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'door_to_door_days', label: '入户签字时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: 'procedures.md §2.3：户主会议不足法定人数时入户签字，N日内（默认7）' })
    .param({ key: 'village_review_days', label: '村审核时限（日）', type: 'number', default: 10, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'implementation_days', label: '组织实施时限（日）', type: 'number', default: 60, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'publicity_days', label: '结果公布期（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '组织法第28条要求及时公布；期限为默认值' });

  const d = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(1)] });
  const meeting = P['cunmin-xiaozu-huiyi'];

  b.node({ id: 'start', kind: 'start', name: '发起议题' }, 0, 1)
    .node(
      {
        id: 'raise',
        kind: 'task',
        name: '一提：提出议题',
        stage: '一提',
        description: '三种渠道：一长三员联系走访收集意见形成议题；小网格提出组内事项；大网格工作布置形成议题（SEED:000）。',
        assignment: { type: 'initiator' },
        form: ['topic_title', 'channel', 'proposer', 'grid', 'topic_content', 'households_involved', 'is_livelihood_project'],
        requiredFields: ['topic_title', 'channel', 'grid', 'topic_content'],
        deadline: d('first_deliberation_days', 7),
        actions: [action('submit', '提交议题')],
      },
      1,
      1,
    )
    .node(
      {
        id: 'first_deliberation',
        kind: 'task',
        name: '二议：初议',
        stage: '二议',
        description: '小网格长牵头，会同村（居）民代表，征求网格参与员意见，形成初步方案。',
        assignment: { type: 'role', role: 'GRID_SMALL', scope: 'case' },
        form: ['first_plan', 'revision_note'],
        requiredFields: ['first_plan'],
        deadline: d('first_deliberation_days', 7),
        actions: [action('done', '形成初步方案')],
      },
      2,
      1,
    )
    .node(
      {
        id: 'second_deliberation',
        kind: 'task',
        name: '二议：再议',
        stage: '二议',
        description: '中网格长牵头，召集小网格长、二级支部委员（必要时网格参与员）再议，方案定稿。',
        assignment: { type: 'role', role: 'GRID_MID', scope: 'parent' },
        form: ['final_plan'],
        requiredFields: ['final_plan'],
        deadline: d('second_deliberation_days', 7),
        actions: [action('done', '方案定稿')],
      },
      3,
      1,
    )
    .node(
      {
        id: 'legal_review',
        kind: 'task',
        name: '合法性审查',
        stage: '二议',
        description: '不通过 → 书面说明理由，退回初议（procedures.md §2.3）。',
        assignment: { type: 'role', role: 'LEGAL_ADVISOR', scope: 'parent' },
        form: ['legal_opinion'],
        requiredFields: ['legal_opinion'],
        deadline: d('legal_review_days', 5),
        actions: [action('pass', '审查通过'), action('fail', '审查不通过', { approve: false, requireComment: true })],
      },
      4,
      1,
    )
    .node(
      {
        id: 'household_meeting',
        kind: 'vote',
        name: '三决：户主会议表决',
        stage: '三决',
        description: '网格长（二级支部书记）参与指导，组长/小网格长主持。本组十八周岁以上村民三分之二以上或三分之二以上户的代表参加，到会人员过半数同意（组织法第28条）。',
        assignment: { type: 'role', role: 'GROUP_LEADER', scope: 'case' },
        form: ['meeting_record'],
        deadline: d('meeting_days', 10),
        vote: {
          mode: 'tally',
          secret: false,
          meetingType: '户主会议（村民小组会议）',
          options: { type: 'yesNo' },
          groups: meeting.groups,
          quorum: meeting.quorum,
          pass: meeting.pass,
          tellerRole: 'GROUP_LEADER',
          scrutineerRole: 'SUB_BRANCH',
        },
      },
      5,
      1,
    )
    .node(
      {
        id: 'no_quorum_choice',
        kind: 'task',
        name: '户主会议未达法定人数处置',
        stage: '三决',
        description: '重新召开，或在规定日数内入户签字（procedures.md §2.3 [DEFAULT]）。',
        assignment: { type: 'role', role: 'GROUP_LEADER', scope: 'case' },
        deadline: d('door_to_door_days', 7),
        actions: [action('reconvene', '重新召开户主会议'), action('door_to_door', '入户签字')],
      },
      5,
      3,
    )
    .node(
      {
        id: 'door_to_door',
        kind: 'vote',
        name: '入户签字表决',
        stage: '三决',
        description: '逐户征求户代表签字：签字户数须达本组户数三分之二以上（同户主会议到会要求），同意户数过半数。',
        assignment: { type: 'role', role: 'GROUP_LEADER', scope: 'case' },
        deadline: d('door_to_door_days', 7),
        vote: {
          mode: 'tally',
          secret: false,
          meetingType: '入户签字',
          options: { type: 'yesNo' },
          quorum: { combine: 'all', rules: [{ ...meeting.quorum.rules[1], group: undefined }] },
          pass: { ...meeting.pass, group: undefined },
          tellerRole: 'GROUP_LEADER',
          scrutineerRole: 'SUB_BRANCH',
        },
      },
      6,
      3,
    )
    .node({ id: 'gw_livelihood', kind: 'gateway', gateway: 'exclusive', name: '是否组级民生工程' }, 7, 1)
    .node(
      {
        id: 'signatures',
        kind: 'vote',
        name: '户主签字制',
        stage: '三决',
        description: '组级民生工程经户主会议表决后，须达到规定比例的户主签字同意才能上报到村（SEED:000，比例参数）。签字表：户号、户主、同意/不同意、日期、手印。',
        assignment: { type: 'role', role: 'GROUP_LEADER', scope: 'case' },
        deadline: d('door_to_door_days', 7),
        vote: {
          mode: 'tally',
          secret: false,
          meetingType: '户主签字',
          options: { type: 'yesNo' },
          pass: {
            base: 'all',
            op: '>=',
            num: 2,
            den: 3,
            param: 'signature_threshold',
            provenance: 'UNCERTAIN',
            source: 'SEED:000 户主签字制（比例残缺，默认三分之二）',
          },
          tellerRole: 'GROUP_LEADER',
          scrutineerRole: 'SUB_BRANCH',
        },
      },
      8,
      0,
    )
    .node(
      {
        id: 'not_passed',
        kind: 'task',
        name: '表决未通过处置',
        stage: '三决',
        description: '表决未通过或签字未达比例的，不上报村；可修订后从二议重新开始（SEED:000）。',
        assignment: { type: 'role', role: 'GRID_SMALL', scope: 'case' },
        form: ['revision_note'],
        deadline: d('first_deliberation_days', 7),
        actions: [action('revise', '修订后重新初议'), action('drop', '议题终止', { approve: false, requireComment: true })],
      },
      7,
      3,
    )
    .node(
      {
        id: 'village_review',
        kind: 'task',
        name: '上报村备案/审核',
        stage: '上报村',
        description: '村组织人员实地踏看、统筹安排：备案或审核同意后纳入计划；属村级重大事项的转入五议两公开；不同意的说明理由退回再议。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'parent' },
        form: ['village_opinion'],
        requiredFields: ['village_opinion'],
        deadline: d('village_review_days', 10),
        actions: [
          action('approve', '备案/审核同意'),
          action('major', '属村级重大事项，转五议两公开'),
          action('reject', '退回', { approve: false, requireComment: true }),
        ],
      },
      9,
      1,
    )
    .node(
      {
        id: 'refer_village',
        kind: 'service',
        name: '转村级五议两公开',
        description: '属村级重大事项：通知村党组织按五议两公开另行发起村级决策（procedures.md §2.2 3c）。未用子流程：子流程的子案件沿用本组的组织单位，村级角色无法在组内找到（见 README）。',
        action: 'notify',
        params: { toRole: 'VIL_PARTY', title: '组级议题转村级重大事项', message: '组级四步协商议题经村审核属村级重大事项，请按五议两公开发起村级决策。' },
      },
      10,
      3,
    )
    .node({ id: 'split_do', kind: 'gateway', gateway: 'parallelSplit', name: '实施与监督' }, 10, 1)
    .node(
      {
        id: 'implement',
        kind: 'task',
        name: '四做：组织实施',
        stage: '四做',
        assignment: { type: 'role', role: 'GROUP_LEADER', scope: 'case' },
        form: ['implementation_record'],
        requiredFields: ['implementation_record'],
        deadline: deadline(days(60, 'implementation_days'), { provenance: 'DEFAULT', source: '参数 implementation_days', reminders: [days(5), days(1)], escalateToRole: 'VIL_COMM' }),
        actions: [action('done', '实施完成')],
      },
      11,
      0,
    )
    .node(
      {
        id: 'supervise',
        kind: 'task',
        name: '一长三员参与监督',
        stage: '四做',
        assignment: { type: 'role', role: 'GRID_1L3Y', scope: 'field', orgField: 'grid' },
        form: ['supervision_record'],
        requiredFields: ['supervision_record'],
        deadline: deadline(days(60, 'implementation_days'), { provenance: 'DEFAULT', source: '参数 implementation_days' }),
        actions: [action('done', '监督完成')],
      },
      11,
      2,
    )
    .node({ id: 'join_do', kind: 'gateway', gateway: 'parallelJoin', name: '实施完成', pairedWith: 'split_do' }, 12, 1)
    .node(
      {
        id: 'publish',
        kind: 'publicity',
        name: '向本组村民公布结果',
        stage: '四做',
        description: '组的决定及实施情况应当及时向本组村民公布（组织法第28条）。',
        assignment: { type: 'role', role: 'GROUP_LEADER', scope: 'case' },
        form: ['result_summary'],
        period: days(7, 'publicity_days'),
        channel: '村民小组公开栏/网格群',
      },
      13,
      1,
    )
    .node(
      {
        id: 'publicity_objection',
        kind: 'task',
        name: '处理公布异议',
        stage: '四做',
        assignment: { type: 'role', role: 'GRID_MID', scope: 'parent' },
        form: ['result_summary'],
        deadline: d('first_deliberation_days', 7),
        actions: [action('answered', '已答复')],
      },
      13,
      3,
    )
    .node({ id: 'end_done', kind: 'end', name: '议题办结', outcome: 'done' }, 14, 1)
    .node({ id: 'end_village', kind: 'end', name: '已转村级决策', outcome: 'referred' }, 11, 4)
    .node({ id: 'end_dropped', kind: 'end', name: '议题终止', outcome: 'dropped' }, 8, 4);

  b.edge('start', 'raise')
    .edge('raise', 'first_deliberation', { outcome: 'submit' })
    .edge('first_deliberation', 'second_deliberation', { outcome: 'done' })
    .edge('second_deliberation', 'legal_review', { outcome: 'done' })
    .edge('legal_review', 'household_meeting', { outcome: 'pass' })
    .edge('legal_review', 'first_deliberation', { outcome: 'fail', label: '不通过，退回初议' })
    .edge('household_meeting', 'gw_livelihood', { outcome: 'passed', label: '通过' })
    .edge('household_meeting', 'not_passed', { outcome: 'rejected', label: '未通过' })
    .edge('household_meeting', 'no_quorum_choice', { outcome: 'no_quorum', label: '未达法定人数' })
    .edge('no_quorum_choice', 'household_meeting', { outcome: 'reconvene' })
    .edge('no_quorum_choice', 'door_to_door', { outcome: 'door_to_door' })
    .edge('door_to_door', 'gw_livelihood', { outcome: 'passed', label: '通过' })
    .edge('door_to_door', 'not_passed', { outcome: 'rejected', label: '未通过' })
    .edge('door_to_door', 'not_passed', { outcome: 'no_quorum', label: '签字户数不足' })
    .edge('gw_livelihood', 'signatures', { condition: 'data.is_livelihood_project == true', label: '组级民生工程' })
    .edge('gw_livelihood', 'village_review', { default: true })
    .edge('signatures', 'village_review', { outcome: 'passed', label: '达到比例' })
    .edge('signatures', 'not_passed', { outcome: 'rejected', label: '未达比例' })
    .edge('not_passed', 'first_deliberation', { outcome: 'revise' })
    .edge('not_passed', 'end_dropped', { outcome: 'drop' })
    .edge('village_review', 'split_do', { outcome: 'approve' })
    .edge('village_review', 'refer_village', { outcome: 'major' })
    .edge('village_review', 'second_deliberation', { outcome: 'reject', label: '退回再议' })
    .edge('refer_village', 'end_village')
    .edge('split_do', 'implement')
    .edge('split_do', 'supervise')
    .edge('implement', 'join_do', { outcome: 'done' })
    .edge('supervise', 'join_do', { outcome: 'done' })
    .edge('join_do', 'publish')
    .edge('publish', 'end_done', { outcome: 'clear' })
    .edge('publish', 'publicity_objection', { outcome: 'objections' })
    .edge('publicity_objection', 'end_done', { outcome: 'answered' });

  return b.build();
}
