/**
 * Workflow time. Inside the Temporal sandbox `Date.now()` is the deterministic time of the current
 * workflow task (replayed from history), so it is used here deliberately and nowhere else.
 */
export function nowMs(): number {
  return Date.now();
}

export function nowIso(): string {
  return new Date(nowMs()).toISOString();
}

export function shiftIso(iso: string | undefined, ms: number): string | undefined {
  return iso === undefined ? undefined : new Date(Date.parse(iso) + ms).toISOString();
}
