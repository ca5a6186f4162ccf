/**
 * 罢免村民委员会成员 (村民委员会组织法 第16条): 本村五分之一以上有选举权的村民或者三分之一以上的村民代表
 * 联名，可以提出罢免要求，并说明理由；被提出罢免的成员有权提出申辩意见；罢免须有登记参加选举的村民过半
 * 数投票，并须经投票的村民过半数通过. Decided by the villagers' vote, never by the 代表会议 (§1.2).
 */
import { action, days, deadline, DefinitionBuilder, presetVote } from './builder.js';

const ART16 = '村民委员会组织法 第16条';

export function bamian() {
  const b = new DefinitionBuilder({
    key: 'bamian',
    title: '罢免村民委员会成员',
    category: '村级民主决策',
    summaryFields: ['member_name'],
    description:
      '罢免村民委员会成员（村民委员会组织法 第16条）：本村五分之一以上有选举权的村民或者三分之一以上的村民代表联名提出罢免要求并说明理由（“以上”含本数）→ 被提出罢免的成员提出申辩意见 → 村民委员会召开村民会议，提前十日通知（第21条）→ 无记名投票：须有登记参加选举的村民过半数投票方为有效，并须经投票的村民过半数通过 → 公布结果，报乡镇政府备案。' +
      '罢免由村民投票决定，不得由村民代表会议代替（procedures.md §1.2）。联名人数不足的，书面告知。',
  });

  b.roleList('VIL_COMM', 'VIL_SUPERV', 'VIL_REP', 'TWN_MAYOR', 'TWN_LIAISON');
  // 联名的罢免要求交村民委员会（组织法 第16条）；村民委员会是被罢免方时，由村务监督委员会或乡镇登记。
  b.starterRoles('VIL_COMM', 'VIL_SUPERV', 'TWN_LIAISON');

  b.field('member_name', '被提出罢免的村民委员会成员', 'text', { required: true, maxLength: 50 })
    .field('reasons', '罢免理由', 'longText', { required: true })
    .field('cosigners', '联名人员名单', 'longText')
    .field('voter_signers', '联名的有选举权村民人数', 'number', { min: 0 })
    .field('registered_voters', '本村有选举权的村民人数（登记参加选举的村民）', 'number', { min: 1 })
    .field('rep_signers', '联名的村民代表人数', 'number', { min: 0 })
    .field('reps_total', '村民代表总数', 'number', { min: 1 })
    .field('defense', '被罢免人申辩意见', 'longText')
    .field('vote_record', '投票情况（投票站、流动票箱、计票记录）', 'longText')
    .field('announcement', '罢免结果公告', 'longText')
    .field('recall_passed', '罢免通过', 'boolean');

  b.param({ key: 'defense_days', label: '申辩期限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: '默认：第16条规定有权申辩，未定期限' })
    .param({ key: 'villagers_notice_days', label: '村民会议提前通知（日）', type: 'number', default: 10, min: 10, provenance: 'STAT', source: '村民委员会组织法 第21条：召开村民会议应当提前十天通知村民' })
    .param({ key: 'vote_days', label: '投票组织时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认' });

  const comm = { type: 'role' as const, role: 'VIL_COMM', scope: 'case' as const };
  const dflt = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(1)], escalateToRole: 'TWN_LIAISON' });

  b.node({ id: 'start', kind: 'start', name: '收到罢免要求' }, 0, 1)
    .node(
      {
        id: 'proposal',
        kind: 'task',
        name: '登记罢免要求',
        stage: '联名',
        description: '登记被罢免人、罢免理由、联名人员及人数，并核对本村有选举权的村民人数、村民代表总数（法定联名人数的基数）。',
        assignment: { type: 'initiator' },
        form: ['member_name', 'reasons', 'cosigners', 'voter_signers', 'registered_voters', 'rep_signers', 'reps_total'],
        requiredFields: ['member_name', 'reasons'],
        deadline: deadline(days(3), { provenance: 'DEFAULT', source: '默认' }),
        actions: [action('register', '登记')],
      },
      1,
      1,
    )
    .node({ id: 'gw_threshold', kind: 'gateway', gateway: 'exclusive', name: '联名是否达到法定人数' }, 2, 1)
    .node({ id: 'insufficient_notice', kind: 'service', name: '书面告知：联名人数未达法定人数', action: 'notice', params: { template: 'generic', title: '关于罢免要求的答复' } }, 2, 3)
    .node(
      {
        id: 'defense',
        kind: 'task',
        name: '被罢免人申辩',
        stage: '申辩',
        description: '被提出罢免的村民委员会成员有权提出申辩意见（第16条）；申辩意见在投票前向村民公布。',
        assignment: comm,
        form: ['defense'],
        deadline: dflt('defense_days', 7),
        actions: [action('submitted', '已提出申辩意见'), action('waived', '不申辩', { approve: false })],
      },
      3,
      1,
    )
    .node({ id: 'convene', kind: 'task', name: '村委会召开村民会议（罢免表决）', stage: '投票', description: '村民委员会应当及时召开村民会议进行罢免表决，公布罢免理由与申辩意见。', assignment: comm, deadline: dflt('vote_days', 15), actions: [action('notified', '已发出通知')] }, 4, 1)
    .node({ id: 'villagers_notice', kind: 'timer', name: '提前10日通知村民', duration: days(10, 'villagers_notice_days') }, 5, 1)
    .node(
      {
        id: 'recall_vote',
        kind: 'vote',
        name: '罢免投票',
        stage: '投票',
        description: '无记名投票。应到 = 登记参加选举的村民，实到 = 参加投票的村民：须有登记参加选举的村民过半数投票，并须经投票的村民过半数通过（第16条）。',
        assignment: comm,
        form: ['vote_record'],
        deadline: dflt('vote_days', 15),
        vote: presetVote('bamian-cunweihui', { meetingType: '村民会议（罢免投票）', tellerRole: 'VIL_COMM', scrutineerRole: 'VIL_SUPERV' }),
      },
      6,
      1,
    )
    .node({ id: 'mark_recalled', kind: 'service', name: '记录罢免通过', action: 'setData', params: { set: { recall_passed: 'true' } } }, 7, 0)
    .node({ id: 'invalid_vote', kind: 'task', name: '投票人数未过半，罢免投票无效', stage: '投票', description: '登记参加选举的村民未过半数投票，本次罢免投票无效：可重新组织投票，或终止。', assignment: comm, deadline: dflt('vote_days', 15), actions: [action('revote', '重新组织投票'), action('drop', '终止', { approve: false, requireComment: true })] }, 6, 3)
    .node({ id: 'announce', kind: 'task', name: '公布罢免结果', stage: '公布', assignment: comm, form: ['announcement'], requiredFields: ['announcement'], deadline: deadline(days(3), { provenance: 'DEFAULT', source: '默认' }), actions: [action('done', '已公布')] }, 7, 1)
    .node({ id: 'report_township', kind: 'service', name: '报乡镇政府备案', action: 'notify', params: { toRole: 'TWN_MAYOR', message: '村民委员会成员罢免表决结果已公布，请备案。' } }, 8, 1)
    .node({ id: 'gw_result', kind: 'gateway', gateway: 'exclusive', name: '是否罢免' }, 9, 1)
    .node({ id: 'end_recalled', kind: 'end', name: '罢免通过', outcome: 'recalled' }, 10, 0)
    .node({ id: 'end_not_recalled', kind: 'end', name: '罢免未通过', outcome: 'not_recalled' }, 10, 2)
    .node({ id: 'end_insufficient', kind: 'end', name: '联名人数不足', outcome: 'insufficient' }, 3, 3)
    .node({ id: 'end_dropped', kind: 'end', name: '罢免终止', outcome: 'dropped' }, 7, 3);

  b.edge('start', 'proposal')
    .edge('proposal', 'gw_threshold', { outcome: 'register' })
    .edge('gw_threshold', 'defense', {
      condition: '(data.voter_signers != null && data.registered_voters != null && data.voter_signers * 5.0 >= data.registered_voters) || (data.rep_signers != null && data.reps_total != null && data.rep_signers * 3.0 >= data.reps_total)',
      label: `≥1/5有选举权村民或≥1/3村民代表（${ART16}）`,
    })
    .edge('gw_threshold', 'insufficient_notice', { default: true, label: '不足' })
    .edge('insufficient_notice', 'end_insufficient')
    .edge('defense', 'convene', { outcome: 'submitted' })
    .edge('defense', 'convene', { outcome: 'waived' })
    .edge('convene', 'villagers_notice', { outcome: 'notified' })
    .edge('villagers_notice', 'recall_vote')
    .edge('recall_vote', 'mark_recalled', { outcome: 'passed', label: '罢免通过' })
    .edge('mark_recalled', 'announce')
    .edge('recall_vote', 'announce', { outcome: 'rejected', label: '罢免未通过' })
    .edge('recall_vote', 'invalid_vote', { outcome: 'no_quorum', label: '投票人数未过半' })
    .edge('invalid_vote', 'villagers_notice', { outcome: 'revote' })
    .edge('invalid_vote', 'end_dropped', { outcome: 'drop' })
    .edge('announce', 'report_township', { outcome: 'done' })
    .edge('report_township', 'gw_result')
    .edge('gw_result', 'end_recalled', { condition: 'data.recall_passed == true', label: '通过' })
    .edge('gw_result', 'end_not_recalled', { default: true, label: '未通过' });

  return b.build();
}
