/**
 * The case's facts a notice fills its blanks from (issue 18: a rendered 受理告知书 left 收到日期,
 * 预计办结日期 and 受理机关 blank): the case start, the due dates of the periods the notice node
 * names (computed here with the business calendar, as the task's own due time would be), the
 * instants it names, the issuing authority by name, the case number, and the labels of fields and
 * options so that a document never shows a key or a code.
 */
import type { HolidayCalendar } from './business-calendar.js';
import { caseNumber, NOTICE_TEMPLATES, type NoticeFacts } from './notice.js';
import { computeSchedule } from './schedule.js';
import type { Directory, NoticeRequest } from './types.js';

/** "径山镇人民政府" for a township, "径山村村民委员会" for a village, else the unit's name. */
export function authorityName(unit: { name: string; level: string }): string {
  if (unit.level === 'township') return unit.name.endsWith('人民政府') ? unit.name : `${unit.name}人民政府`;
  if (unit.level === 'village') return unit.name.endsWith('委员会') ? unit.name : `${unit.name}村民委员会`;
  return unit.name;
}

export async function noticeFacts(req: NoticeRequest, directory: Directory, calendar: HolidayCalendar): Promise<NoticeFacts> {
  const ctx = req.context;
  if (!ctx) return { defaults: {} };
  const defaults: Record<string, unknown> = { receivedAt: ctx.caseStartedAt };
  for (const [key, period] of Object.entries(ctx.periods ?? {})) {
    defaults[key] = computeSchedule({ from: period.from, duration: period.duration, ...(period.cap ? { cap: period.cap } : {}) }, calendar).dueAt;
  }
  Object.assign(defaults, ctx.instants ?? {});

  const authority = NOTICE_TEMPLATES[req.template]?.authority;
  if (authority && directory.unit) {
    const chain = [ctx.org.unit, ...ctx.org.ancestors];
    let issuer: string | undefined;
    if (authority === 'township' && ctx.org.township) {
      const t = await directory.unit(ctx.org.township);
      if (t) issuer = authorityName(t);
    } else {
      for (const id of chain) {
        const u = await directory.unit(id);
        if (u?.level === 'village') {
          issuer = authorityName(u);
          break;
        }
      }
    }
    if (issuer) {
      defaults.issuer = issuer;
      defaults.orgName = issuer;
    }
  }
  const labels = Object.fromEntries(
    (ctx.fields ?? []).map((f) => [f.key, { label: f.label, ...(f.options ? { options: Object.fromEntries(f.options.map((o) => [o.value, o.label])) } : {}) }]),
  );
  return { defaults, ...(ctx.caseTitle ? { caseTitle: ctx.caseTitle } : {}), caseNumber: `案件编号：${caseNumber(req.caseId, ctx.procedure.category)}`, labels };
}
