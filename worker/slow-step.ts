/**
 * Tells a case when one of its activities is slow, so the monitor shows the step it is held up
 * at. A case holds back what automated steps change (stage, last progress) while a service call
 * or a calendar lookup is in flight (workflows/engine/search-state.ts, PUBLISH_AT_REST): a chain
 * of quick steps then costs no visibility write. A call that is still running after `slowMs`, or
 * any retry attempt (the earlier one failed or timed out), signals `stepSlow` and the case
 * publishes where it stands. Quick calls — nearly all — send nothing.
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
    if (info.workflowType !== 'caseWorkflow' || !info.workflowExecution) return next(input);
    const { workflowId, runId } = info.workflowExecution;
    const report = (): void => {
      // Best effort: the case may have ended meanwhile, or the server be away; the step is then
      // published with the case's next change.
      void this.ctx.client.workflow
        .getHandle(workflowId, runId)
        .signal(stepSlowSignal, { activityType: info.activityType, attempt: info.attempt })
        .catch(() => undefined);
    };
    if (info.attempt > 1) {
      report();
      return next(input);
    }
    const timer = setTimeout(report, this.slowMs);
    try {
      return await next(input);
    } finally {
      clearTimeout(timer);
    }
  }
}
