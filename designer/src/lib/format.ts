/** Dates and durations as a township clerk reads them: Asia/Shanghai, 24-hour clock. */
const TZ = 'Asia/Shanghai';

const dateTimeFmt = {
  zh: new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
};
const dateFmt = {
  zh: new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: 'short', day: '2-digit' }),
};

export type Lang = 'zh' | 'en';

export function formatDateTime(iso: string | null | undefined, lang: Lang = 'zh'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFmt[lang].format(d);
}

export function formatDate(iso: string | null | undefined, lang: Lang = 'zh'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFmt[lang].format(d);
}

/** "3天后到期" / "已超期 2小时" relative to now; a pure function of (due, now). */
export function dueText(dueAt: string | null | undefined, now: number, lang: Lang = 'zh'): string {
  if (!dueAt) return lang === 'zh' ? '无时限' : 'no deadline';
  const ms = new Date(dueAt).getTime() - now;
  const abs = Math.abs(ms);
  const minutes = Math.max(1, Math.round(abs / 60_000));
  const hours = Math.floor(abs / 3_600_000);
  const days = Math.floor(abs / 86_400_000);
  const span =
    days >= 1
      ? lang === 'zh' ? `${days}天` : `${days}d`
      : hours >= 1
        ? lang === 'zh' ? `${hours}小时` : `${hours}h`
        : lang === 'zh' ? `${minutes}分钟` : `${minutes}min`;
  if (ms < 0) return lang === 'zh' ? `已超期 ${span}` : `overdue ${span}`;
  return lang === 'zh' ? `${span}后到期` : `due in ${span}`;
}

export function formatHours(h: number, lang: Lang = 'zh'): string {
  if (!Number.isFinite(h)) return '—';
  if (h < 1) return lang === 'zh' ? `${Math.round(h * 60)} 分钟` : `${Math.round(h * 60)} min`;
  if (h >= 48) return lang === 'zh' ? `${(h / 24).toFixed(1)} 天` : `${(h / 24).toFixed(1)} d`;
  return lang === 'zh' ? `${h.toFixed(1)} 小时` : `${h.toFixed(1)} h`;
}
