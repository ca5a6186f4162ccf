/**
 * Recognises one replay failure the soak has found and that workflow code cannot prevent.
 *
 * The recorded history has, in one workflow-task completion, a command the case issued on the
 * result it had been waiting for (e.g. ActivityTaskScheduled for the assignment notice) *before*
 * the WorkflowExecutionUpdateAccepted of a 完成 that arrived in the same workflow task. On replay
 * the SDK core hands the interpreter the update before the activity result (its documented job
 * order: signals/updates, then resolutions), so the acceptance is emitted first and the replay
 * fails: "[TMPRL1100] … Update machine does not handle this event: ActivityTaskScheduled".
 * The live order that produced the history only happened after the worker had been SIGKILLed
 * (workflow task on the normal queue, cache miss, 1.24.0); three controlled reproductions with a
 * plain workflow (cache miss, buffered query, legacy query on a cached run) gave the replay order
 * live and replayed cleanly. Related upstream: temporalio/sdk-rust #943 and #1146.
 *
 * A case ended that way is not stranded (it never replays once it has ended); an open one would
 * be if its worker lost it from the cache later, and the soak would report it as stuck.
 */
import type { temporal } from '@temporalio/proto';

type Event = temporal.api.history.v1.IHistoryEvent;

const NDE = /Update machine does not handle this event/;

/** Events a workflow task completion can record for a command of the case (not for an update). */
function isCommandEvent(e: Event): boolean {
  return !!(
    e.activityTaskScheduledEventAttributes ||
    e.timerStartedEventAttributes ||
    e.timerCanceledEventAttributes ||
    e.upsertWorkflowSearchAttributesEventAttributes ||
    e.workflowPropertiesModifiedEventAttributes ||
    e.markerRecordedEventAttributes ||
    e.startChildWorkflowExecutionInitiatedEventAttributes ||
    e.activityTaskCancelRequestedEventAttributes
  );
}

/** Events that resolve something the case was waiting on. */
function isResolution(e: Event): boolean {
  return !!(
    e.activityTaskCompletedEventAttributes ||
    e.activityTaskFailedEventAttributes ||
    e.activityTaskTimedOutEventAttributes ||
    e.timerFiredEventAttributes ||
    e.childWorkflowExecutionCompletedEventAttributes ||
    e.childWorkflowExecutionFailedEventAttributes
  );
}

/**
 * Where the history shows the pattern: the id of the UpdateAccepted event that follows a command
 * of the same workflow task completion, in a workflow task that also brought a resolution.
 */
export function updateAcceptedAfterCommand(events: Event[]): number | undefined {
  for (let i = 0; i < events.length; i++) {
    if (!events[i]!.workflowExecutionUpdateAcceptedEventAttributes) continue;
    let j = i - 1;
    let commandBefore = false;
    while (j >= 0 && !events[j]!.workflowTaskCompletedEventAttributes) {
      if (isCommandEvent(events[j]!)) commandBefore = true;
      j--;
    }
    if (!commandBefore || j < 0) continue;
    // The workflow task's new events: between the previous completion and this task's schedule.
    let k = j - 1;
    let resolved = false;
    while (k >= 0 && !events[k]!.workflowTaskCompletedEventAttributes) {
      if (isResolution(events[k]!)) resolved = true;
      k--;
    }
    if (resolved) return Number(events[i]!.eventId);
  }
  return undefined;
}

/** True when a replay failure is this known ordering nondeterminism (message and history agree). */
export function isUpdateOrderNde(events: Event[], message: string): boolean {
  return NDE.test(message) && updateAcceptedAfterCommand(events) !== undefined;
}
