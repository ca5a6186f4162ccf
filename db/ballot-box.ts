/**
 * The ballot box of secret ballots in the app database (migration 010_ballot_box.sql).
 *
 * A cast marks the voter in the voter roll and adds the ballot to the counters of the voter's
 * group in one transaction: the roll has one row per voter (no choice, no time), the box one row
 * of counters per group (no row per ballot, no time). Nothing stored links a voter to a choice.
 * Closing the box (the `closeBallotBox` activity, when the teller ends the round) refuses every
 * later cast and returns the counters; it is the only read of them, so nobody can compare the
 * counts before and after one voter's ballot.
 */
import type { Db, Queryable } from './adapter.js';
import type { BallotBoxRequest, BallotBoxResult, BallotBoxStore } from '../activities/types.js';
import { addBallot, type BallotCounts } from '../workflows/rules/ballot-box.js';
import type { Ballot } from '../workflows/rules/tally.js';

/** One round of a vote task. */
export interface BallotRound {
  caseId: string;
  taskId: string;
  round: number;
}

export type CastOutcome = 'cast' | 'already-voted' | 'closed';

const ensureBox = (tx: Queryable, r: BallotRound, group: string) =>
  tx.query('INSERT INTO ballot_boxes(case_id, task_id, round, group_key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [r.caseId, r.taskId, r.round, group]);

/**
 * Casts one (already validated) ballot. 'already-voted': the roll holds this voter for the round
 * and nothing was counted; 'closed': the round's box has been opened and nothing was counted.
 */
export async function castIntoBox(db: Db, r: BallotRound, group: string, userId: string, choice: Ballot): Promise<CastOutcome> {
  return db.transaction(async (tx) => {
    await ensureBox(tx, r, group);
    // Row lock: casts of one group queue here, and a close waits for a cast in progress.
    const [box] = await tx.query<{ counts: BallotCounts; closed: boolean }>(
      'SELECT counts, closed FROM ballot_boxes WHERE case_id = $1 AND task_id = $2 AND round = $3 AND group_key = $4 FOR UPDATE',
      [r.caseId, r.taskId, r.round, group],
    );
    if (!box || box.closed) return 'closed';
    const marked = await tx.query(
      'INSERT INTO ballot_voter_roll(case_id, task_id, round, user_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING user_id',
      [r.caseId, r.taskId, r.round, userId],
    );
    if (marked.length === 0) return 'already-voted';
    await tx.query('UPDATE ballot_boxes SET counts = $5 WHERE case_id = $1 AND task_id = $2 AND round = $3 AND group_key = $4', [
      r.caseId,
      r.taskId,
      r.round,
      group,
      JSON.stringify(addBallot(box.counts, choice)),
    ]);
    return 'cast';
  });
}

/** Whether the voter is on the round's roll (a cast whose recordVoted never reached the case). */
export async function onVoterRoll(db: Queryable, r: BallotRound, userId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM ballot_voter_roll WHERE case_id = $1 AND task_id = $2 AND round = $3 AND user_id = $4', [r.caseId, r.taskId, r.round, userId]);
  return rows.length > 0;
}

/** Closes a round's box (idempotent: a retried activity gets the same counters). */
export async function closeBox(db: Db, req: BallotBoxRequest): Promise<BallotBoxResult> {
  return db.transaction(async (tx) => {
    // A group nobody voted in gets a closed, empty box: a late cast there is refused too.
    for (const g of [...req.groups].sort()) await ensureBox(tx, req, g);
    const rows = await tx.query<{ group_key: string; counts: BallotCounts }>(
      'UPDATE ballot_boxes SET closed = true WHERE case_id = $1 AND task_id = $2 AND round = $3 RETURNING group_key, counts',
      [req.caseId, req.taskId, req.round],
    );
    const roll = await tx.query<{ user_id: string }>('SELECT user_id FROM ballot_voter_roll WHERE case_id = $1 AND task_id = $2 AND round = $3 ORDER BY user_id', [
      req.caseId,
      req.taskId,
      req.round,
    ]);
    const counts = Object.fromEntries(rows.sort((a, b) => (a.group_key < b.group_key ? -1 : 1)).map((row) => [row.group_key, row.counts]));
    return { counts, voted: roll.map((x) => x.user_id) };
  });
}

export function createDbBallotBox(db: Db): BallotBoxStore {
  return { close: (req) => closeBox(db, req) };
}
