/**
 * Times written into a message's text by the engine (a notification's "办理时限 2026-12-14T16:00:00.000Z")
 * shown as every other time on the page: Asia/Shanghai, human format.
 */
import { formatDateTime, type Lang } from './format.js';

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g;

export function localizeInstants(text: string, lang: Lang): string {
  return text.replace(ISO_INSTANT, (iso) => formatDateTime(iso, lang));
}
