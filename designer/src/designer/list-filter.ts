/** The procedure list's search and filters (a plain module so unit tests need no JSX). */
import type { DefinitionSummary } from '../../../api/index.js';

export type Filter = 'all' | 'mine' | 'published' | 'drafts';

/** The list's search and filters: by title, key or category; mine (my draft or my latest version), published, with a draft. */
export function filterDefinitions(items: DefinitionSummary[], query: string, filter: Filter, me: string | undefined): DefinitionSummary[] {
  const q = query.trim().toLowerCase();
  return items.filter((d) => {
    if (q && ![d.title, d.key, d.category ?? ''].some((x) => x.toLowerCase().includes(q))) return false;
    if (filter === 'mine') return !!me && (d.draftAuthor === me || d.publishedBy === me);
    if (filter === 'published') return d.latestVersion !== null;
    if (filter === 'drafts') return d.hasDraft;
    return true;
  });
}
