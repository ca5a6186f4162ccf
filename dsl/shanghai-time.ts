/**
 * Instants as a township clerk reads them in a message or on paper: Asia/Shanghai, Chinese
 * date words, 24-hour clock. Pure arithmetic (China has kept UTC+8 without daylight saving since
 * 1991), so workflow code may call it: a notification's text is the same on every replay.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

interface Parts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
}

function partsOf(ms: number): Parts {
  const s = new Date(ms + SHANGHAI_OFFSET_MS);
  return { y: s.getUTCFullYear(), m: s.getUTCMonth() + 1, d: s.getUTCDate(), hh: s.getUTCHours(), mm: s.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "2026年12月30日 17:30". A due time at exactly 00:00 Shanghai is the end of the previous day and
 * reads "2026年12月29日 24:00" — the day a period closes (民法典 §203), as the clerk counts it.
 * An unparseable value comes back unchanged.
 */
export function formatShanghaiDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const p = partsOf(ms);
  if (p.hh === 0 && p.mm === 0) {
    const prev = partsOf(ms - 1);
    return `${prev.y}年${prev.m}月${prev.d}日 24:00`;
  }
  return `${p.y}年${p.m}月${p.d}日 ${pad(p.hh)}:${pad(p.mm)}`;
}

/** Minutes after Shanghai midnight of an instant (quiet hours). */
export function shanghaiMinuteOfDay(ms: number): number {
  const p = partsOf(ms);
  return p.hh * 60 + p.mm;
}
