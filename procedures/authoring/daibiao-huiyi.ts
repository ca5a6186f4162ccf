/**
 * 村民代表会议（季度例会）: 组织法 第26条 — 村民代表会议由村民委员会召集，每季度召开一次 (at
 * least quarterly). Started by a Temporal Schedule per village at the start of each quarter
 * (server/cadences); the meeting is due by the end of the period; not held in time → 督办, and the
 * monitor shows the village as having missed its cadence.
 */
import { action, days, deadline, DefinitionBuilder, dur, presetVote } from './builder.js';

export function daibiaoHuiyi() {
  const b = new DefinitionBuilder({
    key: 'daibiao-huiyi',
    title: '村民代表会议（季度例会）',
    category: '法定频次',
    summaryFields: ['period_label'],
    description:
      '村民代表会议由村民委员会召集，每季度召开一次（村民委员会组织法 第26条，法定频次）；由监督看板的定期计划（每村一个，可暂停）在每季度初自动发起，本季度内须召开。' +
      '会议须有组成人员三分之二以上参加方可召开，所作决定须经到会人员过半数同意（第26条）；到会不足的重新召集。期限届满未召开的超期督办，看板显示该村“未按期召开”。' +
      '五分之一以上村民代表提议的，应当召集村民代表会议（第26条）：见“提议召开村民会议/村民代表会议”流程。',
  });

  b.roleList('VIL_COMM', 'VIL_REP', 'VIL_SUPERV', 'VIL_PARTY', 'TWN_LIAISON');
  // 村民代表会议由村民委员会召集（组织法 第26条）；定期计划之外，村党组织也可提前发起。
  b.starterRoles('VIL_COMM', 'VIL_PARTY');

  b.field('period_label', '会议期次（如 2027年第一季度）', 'text', { maxLength: 50 })
    .field('meeting_date', '会议日期', 'date')
    .field('agenda', '会议议题', 'longText')
    .field('minutes', '会议记录（决定事项、表决情况）', 'longText');

  b.param({ key: 'reconvene_days', label: '到会不足时重新召集时限（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: 'procedures.md §1.4 [DEFAULT]：重新召集' });

  b.node({ id: 'start', kind: 'start', name: '本季度开始' }, 0, 1)
    .node(
      {
        id: 'meeting',
        kind: 'vote',
        name: '召开本季度村民代表会议',
        stage: '代表会议',
        description: '村委会召集，在村党组织领导下召开；记录议题、到会与表决情况。须有组成人员三分之二以上参加，决定须经到会人员过半数同意（组织法第26条）。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['period_label', 'meeting_date', 'agenda', 'minutes'],
        deadline: deadline(dur(3, 'months'), {
          provenance: 'STAT',
          source: '村民委员会组织法 第26条：村民代表会议每季度召开一次',
          reminders: [days(15), days(3)],
          escalateToRole: 'TWN_LIAISON',
        }),
        vote: presetVote('cunmin-daibiao-huiyi', { meetingType: '村民代表会议', tellerRole: 'VIL_COMM', scrutineerRole: 'VIL_SUPERV', voterRole: 'VIL_REP', secret: false }),
      },
      1,
      1,
    )
    .node(
      {
        id: 'reconvene',
        kind: 'task',
        name: '到会不足，重新召集',
        stage: '代表会议',
        description: '组成人员不足三分之二到会，会议不得召开（组织法第26条）：本季度内重新召集。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        deadline: deadline(days(7, 'reconvene_days'), { provenance: 'DEFAULT', source: '参数 reconvene_days', escalateToRole: 'TWN_LIAISON' }),
        actions: [action('reconvene', '已重新通知召开')],
      },
      1,
      2,
    )
    .node({ id: 'end_held', kind: 'end', name: '本季度会议已召开', outcome: 'held' }, 2, 1);

  b.edge('start', 'meeting')
    .edge('meeting', 'end_held', { outcome: 'passed', label: '已召开（议题通过）' })
    .edge('meeting', 'end_held', { outcome: 'rejected', label: '已召开（议题未通过）' })
    .edge('meeting', 'reconvene', { outcome: 'no_quorum', label: '到会不足⅔' })
    .edge('reconvene', 'meeting', { outcome: 'reconvene' });

  return b.build();
}
