/**
 * Convening on request (组织法 第21、26条): 有十分之一以上的村民或者三分之一以上的村民代表提议，应当召集
 * 村民会议; 有五分之一以上的村民代表提议，应当召集村民代表会议. The thresholds are “以上” — the
 * number itself counts (民法典 §1259): 90 of 900 villagers is enough, 89 is not.
 */
import { action, days, deadline, DefinitionBuilder, presetVote } from './builder.js';

export function zhaojiTiyi() {
  const b = new DefinitionBuilder({
    key: 'zhaoji-tiyi',
    title: '提议召开村民会议/村民代表会议',
    category: '法定频次',
    summaryFields: ['subject', 'body'],
    description:
      '联名提议召开会议（村民委员会组织法 第21、26条）：本村十分之一以上的村民或者三分之一以上的村民代表提议，应当召集村民会议；五分之一以上的村民代表提议，应当召集村民代表会议（“以上”含本数）。' +
      '村委会登记提议及联名人数 → 达到法定人数的应当召集：村民会议提前十日通知（第21条）后召开；村民代表会议直接召集。未达到的，书面告知提议人。会议的到会与表决规则同五议两公开（第22、26条）。',
  });

  b.roleList('VIL_COMM', 'VIL_REP', 'VIL_SUPERV', 'TWN_LIAISON');
  // 联名提议交村民委员会（组织法 第21、26条）；村民委员会不召集时，乡镇登记并责令召集。
  b.starterRoles('VIL_COMM', 'TWN_LIAISON');

  b.select('body', '提议召开', [
    ['villagers', '村民会议'],
    ['reps', '村民代表会议'],
  ], { required: true })
    .field('subject', '提议事项', 'text', { required: true, maxLength: 200 })
    .field('proposers', '提议人（联名名单）', 'longText')
    .field('villager_signers', '联名村民人数（十八周岁以上）', 'number', { min: 0 })
    .field('villagers_total', '本村十八周岁以上村民总数', 'number', { min: 1 })
    .field('rep_signers', '联名村民代表人数', 'number', { min: 0 })
    .field('reps_total', '村民代表总数', 'number', { min: 1 })
    .field('minutes', '会议记录', 'longText');

  b.param({ key: 'convene_days', label: '村委会作出召集安排时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认：组织法规定“应当召集”，未定期限' })
    .param({ key: 'villagers_notice_days', label: '村民会议提前通知（日）', type: 'number', default: 10, min: 10, provenance: 'STAT', source: '村民委员会组织法 第21条：召开村民会议应当提前十天通知村民' })
    .param({ key: 'meeting_days', label: '会议召开时限（日）', type: 'number', default: 15, min: 1, provenance: 'DEFAULT', source: '默认' });

  const comm = { type: 'role' as const, role: 'VIL_COMM', scope: 'case' as const };
  const dflt = (param: string, amount: number) => deadline(days(amount, param), { provenance: 'DEFAULT', source: `参数 ${param}`, reminders: [days(1)], escalateToRole: 'TWN_LIAISON' });

  b.node({ id: 'start', kind: 'start', name: '收到联名提议' }, 0, 2)
    .node(
      {
        id: 'register',
        kind: 'task',
        name: '登记联名提议',
        stage: '登记',
        description: '登记提议事项、联名人员及人数，并核对本村十八周岁以上村民总数、村民代表总数（法定人数的基数）。',
        assignment: { type: 'initiator' },
        form: ['body', 'subject', 'proposers', 'villager_signers', 'villagers_total', 'rep_signers', 'reps_total'],
        requiredFields: ['body', 'subject'],
        deadline: deadline(days(3), { provenance: 'DEFAULT', source: '默认' }),
        actions: [action('register', '登记')],
      },
      1,
      2,
    )
    .node({ id: 'gw_body', kind: 'gateway', gateway: 'exclusive', name: '提议召开哪种会议' }, 2, 2)
    .node({ id: 'gw_villagers', kind: 'gateway', gateway: 'exclusive', name: '是否达到法定提议人数（村民会议）' }, 3, 1)
    .node({ id: 'gw_reps', kind: 'gateway', gateway: 'exclusive', name: '是否达到法定提议人数（代表会议）' }, 3, 3)
    .node({ id: 'convene_villagers', kind: 'task', name: '村委会召集村民会议', stage: '召集', description: '达到法定提议人数，村委会应当召集村民会议（第21条）。', assignment: comm, deadline: dflt('convene_days', 15), actions: [action('notified', '已发出会议通知')] }, 4, 1)
    .node({ id: 'villagers_notice', kind: 'timer', name: '村民会议提前10日通知', duration: days(10, 'villagers_notice_days') }, 5, 1)
    .node(
      {
        id: 'villagers_meeting',
        kind: 'vote',
        name: '村民会议',
        stage: '会议',
        description: '本村十八周岁以上村民过半数，或本村三分之二以上户的代表参加；所作决定经到会人员过半数同意（第22条）。',
        assignment: comm,
        form: ['minutes'],
        deadline: dflt('meeting_days', 15),
        vote: presetVote('cunmin-huiyi', { meetingType: '村民会议', tellerRole: 'VIL_COMM', scrutineerRole: 'VIL_SUPERV' }),
      },
      6,
      1,
    )
    .node({ id: 'convene_reps', kind: 'task', name: '村委会召集村民代表会议', stage: '召集', description: '五分之一以上村民代表提议，村委会应当召集村民代表会议（第26条）。', assignment: comm, deadline: dflt('convene_days', 15), actions: [action('notified', '已发出会议通知')] }, 4, 3)
    .node(
      {
        id: 'reps_meeting',
        kind: 'vote',
        name: '村民代表会议',
        stage: '会议',
        description: '须有组成人员三分之二以上参加；所作决定经到会人员过半数同意（第26条）。',
        assignment: comm,
        form: ['minutes'],
        deadline: dflt('meeting_days', 15),
        vote: presetVote('cunmin-daibiao-huiyi', { meetingType: '村民代表会议', tellerRole: 'VIL_COMM', scrutineerRole: 'VIL_SUPERV', voterRole: 'VIL_REP' }),
      },
      5,
      3,
    )
    .node({ id: 'reconvene', kind: 'task', name: '到会不足，重新召集', stage: '会议', assignment: comm, deadline: dflt('convene_days', 15), actions: [action('villagers', '重新召集村民会议'), action('reps', '重新召集村民代表会议')] }, 6, 4)
    .node({ id: 'insufficient_notice', kind: 'service', name: '书面告知提议人：未达到法定提议人数', action: 'notice', params: { template: 'generic', title: '关于联名提议召开会议的答复' } }, 4, 5)
    .node({ id: 'end_held', kind: 'end', name: '会议已召开', outcome: 'held' }, 7, 2)
    .node({ id: 'end_insufficient', kind: 'end', name: '未达到法定提议人数', outcome: 'insufficient' }, 5, 5);

  b.edge('start', 'register')
    .edge('register', 'gw_body', { outcome: 'register' })
    .edge('gw_body', 'gw_villagers', { condition: 'data.body == "villagers"', label: '村民会议' })
    .edge('gw_body', 'gw_reps', { default: true, label: '村民代表会议' })
    .edge('gw_villagers', 'convene_villagers', {
      condition: '(data.villager_signers != null && data.villagers_total != null && data.villager_signers * 10.0 >= data.villagers_total) || (data.rep_signers != null && data.reps_total != null && data.rep_signers * 3.0 >= data.reps_total)',
      label: '≥1/10村民或≥1/3代表',
    })
    .edge('gw_villagers', 'insufficient_notice', { default: true, label: '不足' })
    .edge('gw_reps', 'convene_reps', { condition: 'data.rep_signers != null && data.reps_total != null && data.rep_signers * 5.0 >= data.reps_total', label: '≥1/5代表' })
    .edge('gw_reps', 'insufficient_notice', { default: true, label: '不足' })
    .edge('convene_villagers', 'villagers_notice', { outcome: 'notified' })
    .edge('villagers_notice', 'villagers_meeting')
    .edge('villagers_meeting', 'end_held', { outcome: 'passed' })
    .edge('villagers_meeting', 'end_held', { outcome: 'rejected' })
    .edge('villagers_meeting', 'reconvene', { outcome: 'no_quorum', label: '到会不足' })
    .edge('convene_reps', 'reps_meeting', { outcome: 'notified' })
    .edge('reps_meeting', 'end_held', { outcome: 'passed' })
    .edge('reps_meeting', 'end_held', { outcome: 'rejected' })
    .edge('reps_meeting', 'reconvene', { outcome: 'no_quorum', label: '到会不足⅔' })
    .edge('reconvene', 'villagers_notice', { outcome: 'villagers' })
    .edge('reconvene', 'reps_meeting', { outcome: 'reps' })
    .edge('insufficient_notice', 'end_insufficient');

  return b.build();
}
