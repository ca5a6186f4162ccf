/** Ballot fields of a secret vote's details: never shown, never stored in the read model. */
export const BALLOT_KEYS = new Set(['choice', 'choices', 'picks', 'ballot', 'ballots', 'namedChoices', 'voters', 'votedBy']);

/** Removes every ballot field (choices, voters) from `value`: what a secret vote's details may never show. */
export function stripBallots(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripBallots);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!BALLOT_KEYS.has(k)) out[k] = stripBallots(v);
    return out;
  }
  return value;
}
