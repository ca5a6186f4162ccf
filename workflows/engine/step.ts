import type { EngineStopCode } from '../errors.js';

/** What a node hands back to the token that ran it, and the signals that unwind token paths. */

export type Step =
  /**
   * Leave the node by its edges; `outcome` routes them (task action, vote result …). `decidedAt`:
   * when the result was decided, if that was earlier than leaving (a vote's resolution: its 会议记录
   * is issued in between) — a statutory clock counting from the node counts from then.
   */
  | { outcome?: string; decidedAt?: string }
  /** Go back to an earlier node (退回). */
  | { jump: string }
  /** The case ends with this outcome. */
  | { end: string; nodeId: string }
  /** A parallel block finished at this join; route on from it. */
  | { next: string };

/** An end node was reached: unwinds every branch (siblings are cancelled). */
export class CaseEnd extends Error {
  constructor(
    readonly outcome: string,
    readonly nodeId: string,
  ) {
    super(`case ended at ${nodeId} with ${outcome}`);
    this.name = 'CaseEnd';
  }
}

/** A 退回 inside a parallel branch to a node before its split: the split's token goes there. */
export class JumpOut extends Error {
  constructor(readonly target: string) {
    super(`jump out of branch to ${target}`);
    this.name = 'JumpOut';
  }
}

/** The engine cannot continue (no edge matched, a subprocess definition is missing …). */
export class EngineStop extends Error {
  constructor(
    readonly code: EngineStopCode,
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'EngineStop';
  }
}
