/**
 * Named integrations a `service` node may call (备案 to the county system, SMS gateway …).
 * A registry maps names to handlers; a name without a handler is recorded and answered with
 * {recorded: true}, so a procedure runs end to end before its integration exists — and the
 * record shows what would have been sent.
 */
import type { Activities } from './types.js';

export type CalloutRequest = Parameters<Activities['callout']>[0];
export type CalloutHandler = (req: CalloutRequest) => Promise<Record<string, unknown>>;

export interface CalloutRecord extends CalloutRequest {
  /** ISO instant the callout was made. */
  at: string;
  handled: boolean;
}

export interface CalloutRegistry {
  call(req: CalloutRequest): Promise<Record<string, unknown>>;
  /** Every callout made, in order. */
  readonly records: CalloutRecord[];
}

export function createCalloutRegistry(
  handlers: Record<string, CalloutHandler> = {},
  now: () => Date = () => new Date(),
): CalloutRegistry {
  const records: CalloutRecord[] = [];
  return {
    records,
    async call(req) {
      const handler = Object.hasOwn(handlers, req.name) ? handlers[req.name] : undefined;
      records.push({ ...structuredClone(req), at: now().toISOString(), handled: handler !== undefined });
      if (!handler) return { recorded: true };
      return handler(req);
    },
  };
}
