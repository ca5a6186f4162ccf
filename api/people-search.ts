/**
 * The people picker's search (pure, shared by the web app and its tests): a name, a part of it, its
 * full pinyin or its initials — "赵", "zhaom", "zm" all find 赵敏. Best matches first.
 */
export interface Searchable {
  name: string;
  pinyin: string;
  initials: string;
  roleName?: string;
  orgUnitName?: string;
}

/** 0 = no match; higher is better (exact initials or name start beat a match inside). */
export function matchScore(p: Searchable, query: string): number {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return 1;
  if (p.name.startsWith(q)) return 6;
  if (p.initials === q) return 5;
  if (p.initials.startsWith(q)) return 4;
  if (p.pinyin.startsWith(q)) return 4;
  if (p.name.includes(q)) return 3;
  if (p.pinyin.includes(q)) return 2;
  if ((p.roleName ?? '').includes(q) || (p.orgUnitName ?? '').includes(q)) return 1;
  return 0;
}

export function searchPeople<T extends Searchable>(people: readonly T[], query: string): T[] {
  return people
    .map((p, i) => ({ p, i, s: matchScore(p, query) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.p);
}
