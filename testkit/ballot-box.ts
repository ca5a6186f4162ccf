/**
 * The real ballot box for workflow tests: PGlite (PostgreSQL in-process) in a temp dir with the
 * project's migrations, the same store the API uses. `vote` casts as the API does: the ballot into
 * the box, then `recordVoted` (no choice) to the case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { openPglite, type Db } from '../db/adapter.js';
import { migrate } from '../db/migrate.js';
import { castIntoBox, createDbBallotBox, type CastOutcome } from '../db/ballot-box.js';
import type { BallotBoxStore } from '../activities/types.js';
import * as m from '../workflows/messages.js';
import { stateQuery } from '../workflows/messages.js';
import type { Actor } from '../workflows/types.js';
import type { Ballot } from '../workflows/rules/tally.js';

export interface TestBallotBox {
  db: Db;
  store: BallotBoxStore;
  /** Casts like the API: into the box (group from the vote's voter list), then recordVoted. */
  vote(handle: WorkflowHandle, taskId: string, voter: Actor, choice: Ballot): Promise<CastOutcome>;
  close(): Promise<void>;
}

export async function openTestBallotBox(): Promise<TestBallotBox> {
  const dir = mkdtempSync(join(tmpdir(), 'jiceng-ballots-'));
  const db = await openPglite(dir);
  await migrate(db);
  return {
    db,
    store: createDbBallotBox(db),
    async vote(handle, taskId, voter, choice) {
      const s = await handle.query(stateQuery);
      const v = s.votes.findLast((x) => x.taskId === taskId);
      if (!v) throw new Error(`no vote on task ${taskId}`);
      const group = Object.entries(v.voters ?? {}).find(([, us]) => us.includes(voter.userId))?.[0] ?? 'default';
      const outcome = await castIntoBox(db, { caseId: handle.workflowId, taskId, round: v.round }, group, voter.userId, choice);
      if (outcome === 'cast') await handle.executeUpdate(m.recordVotedUpdate, { args: [{ actor: voter, taskId, round: v.round }] });
      return outcome;
    },
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
