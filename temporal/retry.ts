/**
 * Too many concurrent updates on one case (or a momentarily exhausted resource) are retried with
 * a short jittered back-off instead of being shown to the user as errors.
 */
import { causeChain } from './cause-chain.js';

/** gRPC status codes (RESOURCE_EXHAUSTED, UNAVAILABLE). */
const grpcStatus = { RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

function isTransient(err: unknown): boolean {
  for (const e of causeChain(err, 5)) {
    // The case closed while the update waited: retrying cannot succeed (the caller explains why).
    if (typeof e.message === 'string' && /update was aborted/i.test(e.message)) return false;
    if (e.code === grpcStatus.RESOURCE_EXHAUSTED || e.code === grpcStatus.UNAVAILABLE) return true;
    if (typeof e.message === 'string' && /too many (concurrent|outstanding|in-flight) updates|resource exhausted|RESOURCE_EXHAUSTED/i.test(e.message)) return true;
  }
  return false;
}

export async function withTemporalRetry<T>(fn: () => Promise<T>, attempts = 8): Promise<T> {
  let delay = 50;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isTransient(err)) throw err;
      await new Promise((r) => setTimeout(r, delay + Math.floor(Math.random() * delay)));
      delay = Math.min(delay * 2, 1000);
    }
  }
}
