/**
 * Substring search on titles that works for Chinese: a title is indexed by its characters and
 * its pairs of adjacent characters (lower-cased), kept in a GIN-indexed array. A query of one
 * character looks for that character, a longer one for all of its pairs, and the match is then
 * checked on the title itself. pg_trgm cannot serve a two-character Chinese word (no trigram in
 * it) and pg_bigm, which does this, ships with neither PGlite nor Debian's PostgreSQL.
 */

/** Characters of `s` (code points, so a rare character outside the BMP is one). */
const chars = (s: string) => [...s.toLowerCase().replace(/\s+/g, ' ')];

export function titleGrams(title: string): string[] {
  const c = chars(title);
  const out = new Set<string>();
  for (let i = 0; i < c.length; i++) {
    if (c[i] !== ' ') out.add(c[i]!);
    if (i + 1 < c.length && c[i] !== ' ' && c[i + 1] !== ' ') out.add(c[i]! + c[i + 1]!);
  }
  return [...out].sort();
}

/** The grams every title containing `q` has (the index narrows, `ILIKE` decides). */
export function queryGrams(q: string): string[] {
  const c = chars(q.trim());
  if (c.length === 0) return [];
  if (c.length === 1) return c[0] === ' ' ? [] : [c[0]!];
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++) if (c[i] !== ' ' && c[i + 1] !== ' ') out.add(c[i]! + c[i + 1]!);
  // A query of single characters separated by spaces: its characters.
  if (out.size === 0) for (const ch of c) if (ch !== ' ') out.add(ch);
  return [...out].sort();
}

/** `q` as a LIKE pattern matching it literally anywhere. */
export function likePattern(q: string): string {
  return `%${q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
