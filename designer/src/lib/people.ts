/**
 * A person's name where a view carries only the user id (a task's completedBy, a case's
 * initiator): the timeline records each actor's name with what they did.
 */
export function personName(timeline: readonly { actor: string; actorName?: string }[], userId: string): string {
  return timeline.find((e) => e.actor === userId && e.actorName)?.actorName ?? userId;
}
