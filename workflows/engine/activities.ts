/** Activity stubs for the interpreter: types only from activities/, implementations live in the worker. */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/types.js';

/** Calendar and directory look-ups: quick, retried until they succeed. */
export const lookups = proxyActivities<Pick<Activities, 'computeSchedule' | 'resolveAssignees'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

/** Side effects: notifications, notices, call-outs; idempotent on their keys. */
export const effects = proxyActivities<Pick<Activities, 'notify' | 'generateNotice' | 'callout'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

export function effectsWithRetry(maximumAttempts: number) {
  return proxyActivities<Pick<Activities, 'notify' | 'generateNotice' | 'callout'>>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', maximumAttempts },
  });
}

/**
 * The ballot box of secret ballots, read once when the teller closes a round. Retried for a few
 * minutes (the app database may be restarting); after that the close fails and can be tried again.
 */
export const ballotBox = proxyActivities<Pick<Activities, 'closeBallotBox'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});
