/**
 * Read-your-writes: an action's answer waits until the read model holds the projection write that
 * contains it, so the user's own inbox and lists never show the task they just did. The case writes
 * before its workflow task completes (a local activity), so the row is nearly always there already;
 * otherwise this process's writes are announced (embedded worker) and the row is polled for (a
 * worker in its own process). After `timeoutMs` the answer goes out anyway (and is logged).
 */
import type { AppContext } from '../context.js';

const POLL_MS = 20;

/** The sequence number of the case's row in the read model, -1 without one. */
export async function storedSeq(ctx: Pick<AppContext, 'db'>, caseId: string): Promise<number> {
  const rows = await ctx.db.query<{ seq: string | number }>('SELECT seq FROM proj_cases WHERE case_id = $1', [caseId]);
  return rows.length ? Number(rows[0]!.seq) : -1;
}

/** Resolves true once the read model holds `seq` (or a later write) of the case, false after the timeout. */
export async function waitForProjection(ctx: Pick<AppContext, 'db' | 'projection' | 'log'>, caseId: string, seq: number, timeoutMs = 5_000): Promise<boolean> {
  if ((await storedSeq(ctx, caseId)) >= seq) return true;
  const until = Date.now() + timeoutMs;
  let wake: () => void = () => undefined;
  const off = ctx.projection.onWritten((id, written) => {
    if (id === caseId && written >= seq) wake();
  });
  try {
    while (Date.now() < until) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, POLL_MS);
      });
      if ((await storedSeq(ctx, caseId)) >= seq) return true;
    }
  } finally {
    off();
  }
  ctx.log.warn({ caseId, seq }, 'read model: write not seen in time; answering anyway');
  return false;
}
