/**
 * Org paths as `ltree` values, root first (county.township.village.group). ltree labels are
 * letters, digits and `_` on every PostgreSQL we run (hyphens only from 16 on), so a unit id is
 * encoded: letters and digits stay, any other character becomes `_` + its code point in hex + `_`
 * (`v-jingshan` → `v_2d_jingshan`). Injective, so a subtree query can never meet another unit.
 */
const MAX_LABEL = 250;

export function pathLabel(unitId: string): string {
  let out = '';
  for (const ch of unitId) out += /^[A-Za-z0-9]$/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  // A label longer than ltree takes (ids are at most 64 characters; only exotic ones get here).
  if (out.length > MAX_LABEL) out = `h${[...unitId].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('').slice(0, MAX_LABEL - 1)}`;
  return out;
}

/** The ltree of a unit chain given nearest first (as the engine's `orgChain`). */
export function orgPathOf(chainNearestFirst: readonly string[]): string {
  return [...chainNearestFirst].reverse().map(pathLabel).join('.');
}
