/**
 * A message written by the engine (a notification) as a person reads it: its times
 * ("办理时限 2026-12-14T16:00:00.000Z") in Asia/Shanghai, human format, like every other time on the
 * page; the procedure's source tags (（SEED:004）) and an end outcome's code name
 * ("案件已办结（done_v1）") left out.
 */
import { plainNote } from '../../../dsl/plain-note.js';
import { formatDateTime, type Lang } from './format.js';

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g;

export function localizeInstants(text: string, lang: Lang): string {
  return text.replace(ISO_INSTANT, (iso) => formatDateTime(iso, lang));
}

export function plainMessage(text: string, lang: Lang): string {
  return plainNote(localizeInstants(text, lang)) ?? '';
}
