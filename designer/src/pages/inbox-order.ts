import type { InboxItem } from '../lib/api-types.js';

/** Due time ascending, no deadline last: the API's order, kept when filtering client-side. */
export function byDue(a: InboxItem, b: InboxItem): number {
  if (a.dueAt === b.dueAt) return a.createdAt.localeCompare(b.createdAt);
  if (!a.dueAt) return 1;
  if (!b.dueAt) return -1;
  return a.dueAt.localeCompare(b.dueAt);
}

