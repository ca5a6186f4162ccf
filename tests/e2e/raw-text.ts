/**
 * What a zh-CN page must never show: the engine's own words instead of the people's. Raw
 * identifiers (node, task, user and unit ids, enum values such as `longText` or `workingDays`),
 * ISO timestamps, role codes (`VIL_PARTY`) and English left untranslated. Pure: the e2e check
 * (raw-text-check.test.ts) feeds it the text of every page, and the unit test pins each rule.
 */
import { ROLE_CATALOGUE } from '../../dsl/roles.js';

export type RawKind = 'iso-time' | 'role-code' | 'identifier' | 'english';

export interface RawFinding {
  kind: RawKind;
  /** The offending token. */
  token: string;
  /** The line it stood in (trimmed to 120 characters). */
  line: string;
}

const ROLE_CODES = new Set(ROLE_CATALOGUE.map((r) => r.code));

/**
 * Latin words a Chinese page may show: names of products and formats a clerk meets as they are
 * (the product's name, Temporal's Web UI link, JSON import/export, CEL conditions in the designer's help), the
 * language switch, units.
 */
export const ALLOWED_LATIN = new Set([
  // The product's name in the window title: 基层流程 Jiceng Flow.
  'Jiceng',
  'Flow',
  'English',
  'Temporal',
  'Web',
  'UI',
  'JSON',
  'CEL',
  'PDF',
  'CSV',
  'Excel',
  // Keys as printed on the keyboard, in the designer's shortcut tooltips (Ctrl+Z).
  'Ctrl',
  'Shift',
  'km',
  'kg',
  'ID',
]);

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
/** snake_case, kebab-case and dotted names, with an optional numeric suffix: accept_decision-2, v-jingshan, task.completed. */
const JOINED = /\b[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)+\b/g;
/** camelCase: longText, workingDays, done_v1 is caught by JOINED. */
const CAMEL = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g;
/** Upper-case codes with an underscore or digits: VIL_PARTY, TWN_XF_OFFICE, GRID_1L3Y. */
const UPPER_CODE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const LATIN_WORD = /[A-Za-z]{2,}/g;

function clip(line: string): string {
  const s = line.trim();
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

/** Everything on a zh-CN page's text that is not for people. */
export function rawTextFindings(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const line of text.split('\n')) {
    if (!/[A-Za-z]/.test(line)) continue;
    const seen = new Set<string>();
    const add = (kind: RawKind, token: string) => {
      const key = `${kind}:${token}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ kind, token, line: clip(line) });
    };
    let rest = line;
    for (const m of line.matchAll(ISO_TIME)) {
      add('iso-time', m[0]);
      rest = rest.replace(m[0], ' ');
    }
    for (const m of rest.matchAll(UPPER_CODE)) add(ROLE_CODES.has(m[0]) ? 'role-code' : 'identifier', m[0]);
    rest = rest.replace(UPPER_CODE, ' ');
    for (const m of rest.matchAll(/\b[A-Z][A-Z0-9]+\b/g)) if (ROLE_CODES.has(m[0])) add('role-code', m[0]);
    for (const m of rest.matchAll(JOINED)) {
      // A version tag (v1), a Web UI link and 1.2 公里 are no identifiers; numbers were never matched.
      if (m[0].split(/[_.-]/).every((part) => ALLOWED_LATIN.has(part))) continue;
      add('identifier', m[0]);
    }
    rest = rest.replace(JOINED, ' ');
    for (const m of rest.matchAll(CAMEL)) add('identifier', m[0]);
    rest = rest.replace(CAMEL, ' ');
    for (const m of rest.matchAll(LATIN_WORD)) {
      const w = m[0];
      if (ALLOWED_LATIN.has(w) || ROLE_CODES.has(w)) continue;
      // "v2" (a version tag) has one letter; ×3 and km are fine; anything else is English left over.
      add('english', w);
    }
  }
  return out;
}

export type EnglishRawKind = 'iso-time' | 'role-code' | 'identifier' | 'chinese';
export type EnglishFinding = Omit<RawFinding, 'kind'> & { kind: EnglishRawKind };

/** A run of Chinese characters or Chinese punctuation. */
const HAN = /[\u3400-\u9fff\uf900-\ufaff\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20]+/g;
/** An English compound (sign-in, read-only, Check-in): letters only, every part two or more. */
const ENGLISH_COMPOUND = /^[A-Za-z]{2,}(?:-[A-Za-z]{2,})+$/;
/** Latin abbreviations of English prose (the dot after the last letter is not part of the token). */
const ENGLISH_ABBREVIATIONS = new Set(['e.g', 'i.e']);

/**
 * What an English page must never show. On the whole page text (`text`): ISO timestamps, role codes
 * and raw identifiers, as on a Chinese page (English compounds such as "read-only" are words, not
 * ids). On the page's chrome (`chrome`: navigation, headings, buttons, labels, table headers, empty
 * states, tooltips and placeholders, with the people's data — titles, names, units, procedures,
 * marked `translate="no"` — left out): Chinese left untranslated.
 */
/** Chinese an English page keeps: the product's name (基层流程 Jiceng Flow) and the switch back to 中文. */
export const ALLOWED_HAN = new Set(['基层流程', '中文']);

export function englishPageFindings(text: string, chrome: string): EnglishFinding[] {
  const out: EnglishFinding[] = [];
  for (const f of rawTextFindings(text)) {
    if (f.kind === 'english') continue;
    if (f.kind === 'identifier' && (ENGLISH_COMPOUND.test(f.token) || ENGLISH_ABBREVIATIONS.has(f.token))) continue;
    out.push({ ...f, kind: f.kind });
  }
  for (const line of chrome.split('\n')) {
    const seen = new Set<string>();
    for (const m of line.matchAll(HAN)) {
      if (seen.has(m[0]) || ALLOWED_HAN.has(m[0])) continue;
      seen.add(m[0]);
      out.push({ kind: 'chinese', token: m[0], line: clip(line) });
    }
  }
  return out;
}
