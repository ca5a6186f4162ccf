/** The inbox's order (no zod: the web app imports it into its first chunk). */

/**
 * The inbox's order, on the server and in the web app alike: due time ascending, no deadline last,
 * then the older task first.
 */
export function byDue(a: { dueAt: string | null; createdAt: string }, b: { dueAt: string | null; createdAt: string }): number {
  if (a.dueAt === b.dueAt) return a.createdAt.localeCompare(b.createdAt);
  if (!a.dueAt) return 1;
  if (!b.dueAt) return -1;
  return a.dueAt.localeCompare(b.dueAt);
}
