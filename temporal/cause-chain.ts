/**
 * The errors a Temporal call throws wrap each other (WorkflowUpdateFailedError → ApplicationFailure,
 * a gRPC ServiceError → its cause …). One walk of that chain for everyone who must look inside:
 * the API's error mapping, its update lanes, the retry of transient failures.
 */
export interface ChainLink {
  message?: unknown;
  /** gRPC status code (14 UNAVAILABLE, 4 DEADLINE_EXCEEDED, 8 RESOURCE_EXHAUSTED …). */
  code?: unknown;
  /** ApplicationFailure type: an engine or activity error code. */
  type?: unknown;
  cause?: unknown;
}

/** The error and its causes, outermost first (at most `depth`, so a cyclic chain ends). */
export function causeChain(err: unknown, depth = 6): ChainLink[] {
  const out: ChainLink[] = [];
  for (let cur = err as ChainLink | undefined, i = 0; cur && typeof cur === 'object' && i < depth; cur = cur.cause as ChainLink | undefined, i++) out.push(cur);
  return out;
}

/** The first link that is an instance of `ctor`. */
export function findInChain<T>(err: unknown, ctor: abstract new (...args: never[]) => T): T | undefined {
  return causeChain(err).find((e): e is ChainLink & T => e instanceof ctor) as T | undefined;
}
