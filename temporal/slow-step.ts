/**
 * Tells a case when one of its activities is slow, so the monitor shows the step it is held up
 * at. A case holds back what automated steps change (stage, last progress) while a service call
 * or a calendar lookup is in flight (workflows/engine/search-state.ts, PUBLISH_AT_REST): a chain
 * of quick steps then costs no visibility write. A call still running after `slowMs` (this attempt)
 * signals `stepSlow` and the case publishes where it stands. Quick calls — nearly all — send nothing.
 *
 * Not on a retry's start: after a worker dies, the retried call is usually quick, and a signal sent
 * as it starts lands in the same workflow task as its result, on a worker that lost the case from
 * its cache. The SDK core then splits the signal and the result into two activations live but
 * merges them on replay (the soak kept two such histories: two publishes in one task live, one on
 * replay — a nondeterminism error; temporalio/sdk-rust #1146 is the same with updates). A call that
 * keeps failing ends the case after its retries (5 attempts by default), which publishes.
 */
import type { Context } from '@temporalio/activity';
import type { Next } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import { stepSlowSignal } from '../workflows/messages.js';

/** Default threshold; JICENG_SLOW_STEP_MS overrides it. */
export const SLOW_STEP_MS = 5_000;

export function slowStepMs(): number {
  const v = Number(process.env.JICENG_SLOW_STEP_MS);
  return Number.isFinite(v) && v > 0 ? v : SLOW_STEP_MS;
}

/** Activity interceptors of every interpreter worker. */
export function slowStepInterceptors(slowMs = slowStepMs()): ActivityInterceptorsFactory {
  return (ctx) => ({ inbound: new SlowStepInbound(ctx, slowMs) });
}

class SlowStepInbound implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: Context,
    private readonly slowMs: number,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const info = this.ctx.info;
    // Local activities (the projection write) run inside the workflow task: never a step to show.
    if (info.workflowType !== 'caseWorkflow' || !info.workflowExecution || info.isLocal) return next(input);
    const { workflowId, runId } = info.workflowExecution;
    const report = (): void => {
      // Best effort: the case may have ended meanwhile, or the server be away; the step is then
      // published with the case's next change.
      void this.ctx.client.workflow
        .getHandle(workflowId, runId)
        .signal(stepSlowSignal, { activityType: info.activityType, attempt: info.attempt })
        .catch(() => undefined);
    };
    const timer = setTimeout(report, this.slowMs);
    try {
      return await next(input);
    } finally {
      clearTimeout(timer);
    }
  }
}
