/**
 * A village's cadence status (server/cadences): missed when a case of the cadence is past due,
 * whatever else; paused when not tracked; in progress, done, or not yet started.
 */
import { describe, expect, it } from 'vitest';
import { cadenceStatus, CADENCES, scheduleIdOf } from '../../server/cadences/cadences.js';

const NOW = Date.parse('2027-05-20T04:00:00Z');
const schedule = (over: Partial<Parameters<typeof cadenceStatus>[0]> = {}) => ({ paused: false, recent: [], ...over });

describe('cadence status (组织法 §26, §30 on the monitor)', () => {
  it.each([
    ['no period started yet → waiting', schedule(), [], 'waiting'],
    ['this period’s case open and not yet due → due', schedule({ recent: [{ workflowId: 'a', takenAt: new Date(NOW) }] }), [{ caseId: 'a', nextDueAt: '2027-07-01T16:00:00Z' }], 'due'],
    ['last quarter’s case still open past its due date → missed, even with this quarter’s open', schedule(), [{ caseId: 'b', nextDueAt: '2027-07-01T16:00:00Z' }, { caseId: 'a', nextDueAt: '2027-04-01T16:00:00Z' }], 'missed'],
    ['a paused cadence with an overdue case is still missed', schedule({ paused: true }), [{ caseId: 'a', nextDueAt: '2027-05-01T00:00:00Z' }], 'missed'],
    ['paused and nothing overdue → paused', schedule({ paused: true }), [], 'paused'],
    ['every case of it ended → done', schedule({ recent: [{ workflowId: 'a', takenAt: new Date(NOW) }] }), [], 'done'],
  ] as const)('%s', (_l, s, open, status) => {
    expect(cadenceStatus(s, open, NOW).status).toBe(status);
  });

  it('the missed case is the one due first', () => {
    const r = cadenceStatus(schedule(), [{ caseId: 'q2', nextDueAt: '2027-05-02T00:00:00Z' }, { caseId: 'q1', nextDueAt: '2027-04-01T16:00:00Z' }], NOW);
    expect(r).toEqual({ status: 'missed', caseId: 'q1', dueAt: '2027-04-01T16:00:00Z' });
  });

  it('the cadences are the statutory ones: 代表会议 and 村务 quarterly, 财务 monthly; schedule ids name cadence and village', () => {
    expect(CADENCES.map((c) => [c.key, c.months.length])).toEqual([
      ['reps-quarterly', 4],
      ['openness-quarterly', 4],
      ['finance-monthly', 12],
    ]);
    expect(scheduleIdOf('reps-quarterly', 'v-jingshan')).toBe('cadence-reps-quarterly-v-jingshan');
  });
});
