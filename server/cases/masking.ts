/**
 * What a caller may see of a case: sensitive fields (信访人身份 …) are shown as "***" to anyone
 * without a 信访 role, titles never carry their values, and who voted what in a secret vote is
 * never in any response.
 */
import type { Definition, FieldDef } from '../../dsl/schema.js';
import type { CaseState } from '../../workflows/types.js';
import { stripBallots } from '../../db/projection/ballot-fields.js';

export { stripBallots };

export const MASK = '***';

export function sensitiveKeys(def: Definition): Set<string> {
  const keys = new Set<string>();
  const walk = (fields: FieldDef[]) => {
    for (const f of fields) {
      if (f.sensitive) keys.add(f.key);
      if (f.columns) walk(f.columns);
    }
  };
  walk(def.fields);
  return keys;
}

/** Replaces the value of every sensitive key anywhere in `value` (data, submitted forms, timeline details). */
function maskDeep(value: unknown, keys: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, keys));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = keys.has(k) && v !== null && v !== undefined && v !== '' ? MASK : maskDeep(v, keys);
    }
    return out;
  }
  return value;
}

/** Parts of a list of names ("张三、李四") that are masked one by one. */
const NAME_SEPARATORS = /[、,，;；/\s]+/;

/**
 * The sensitive values of a case's data: each sensitive field's text (and each name of a list of
 * names, of a table cell, of a multi-value field). Longest first, so "张三丰" is masked before "张三".
 * Single characters are left out: masking them would garble any text they appear in.
 */
export function sensitiveValues(def: Definition, data: Record<string, unknown> | undefined): string[] {
  return valuesUnder(sensitiveKeys(def), data ?? {});
}

/** The texts held under any of `keys` anywhere in `value` (see sensitiveValues), longest first. */
export function valuesUnder(keys: ReadonlySet<string>, value: unknown): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const part of [v, ...v.split(NAME_SEPARATORS)]) if (part.trim().length >= 2) out.add(part.trim());
    } else if (typeof v === 'number' && String(v).length >= 5) out.add(String(v));
    else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') Object.values(v).forEach(add);
  };
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) (keys.has(k) ? add(v) : walk(v));
  };
  if (keys.size > 0) walk(value);
  return [...out].sort((a, b) => b.length - a.length);
}

/** A text with every sensitive value of the case replaced by "***" (titles, notices). */
export function maskText(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) out = out.split(v).join(MASK);
  return out;
}

/**
 * The title a case is stored under. A title goes where no per-reader masking happens (search
 * lists, notifications, 已办, 抄送, the Temporal memo), so a procedure with sensitive fields never
 * stores their values in it: "径山村发展党员：章晓燕" with applicant_name 章晓燕 is kept as
 * "径山村发展党员：***".
 */
export function storedTitle(def: Definition, title: string, data: Record<string, unknown> | undefined): string {
  return maskText(title, sensitiveValues(def, data));
}

/**
 * A payload decoded for an operator (/api/codec/decode, the Temporal Web UI): a ballot choice next
 * to its voter (the `castBallot` arguments of cases recorded before the ballot box) is always
 * "***"; with `mask` (a decoder without a 信访 role) so is every sensitive key, and every sensitive
 * value wherever it appears in text (a title, a notice, a notification).
 */
export function protectDecoded(value: unknown, opts: { mask: boolean; keys: ReadonlySet<string>; values: readonly string[] }): unknown {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return opts.mask ? maskText(v, opts.values) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const linked = 'actor' in v && 'choice' in v;
    // fromEntries: a "__proto__" key in decoded JSON stays a plain key.
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (linked && k === 'choice') return [k, MASK];
        if (opts.mask && opts.keys.has(k) && x !== null && x !== undefined && x !== '') return [k, MASK];
        return [k, walk(x)];
      }),
    );
  };
  return walk(value);
}


function secretVoteNodes(def: Definition): Set<string> {
  return new Set(def.nodes.filter((n) => n.kind === 'vote' && n.vote.mode === 'ballots' && n.vote.secret).map((n) => n.id));
}

export function redactState(state: CaseState, def: Definition, seesSensitive: boolean): CaseState {
  const secret = secretVoteNodes(def);
  const s: CaseState = {
    ...state,
    votes: state.votes.map((v) => (v.secret ? { ...v, namedChoices: undefined } : v)),
    timeline: state.timeline.map((e) => (e.nodeId && secret.has(e.nodeId) && e.detail ? { ...e, detail: stripBallots(e.detail) as Record<string, unknown> } : e)),
    tasks: state.tasks.map((t) =>
      secret.has(t.nodeId)
        ? { ...t, submitted: undefined, action: undefined, signers: t.signers?.map((sg) => ({ userId: sg.userId, at: sg.at })) }
        : t,
    ),
    nodeOutputs: Object.fromEntries(Object.entries(state.nodeOutputs).map(([k, v]) => [k, secret.has(k) ? stripBallots(v) : v])),
  };
  if (seesSensitive) return s;
  const keys = sensitiveKeys(def);
  if (keys.size === 0) return s;
  // A sensitive field filled in after the start may also be in the title: masked like the field.
  const title = maskText(s.title, sensitiveValues(def, s.data));
  return { ...s, title, data: maskDeep(s.data, keys) as Record<string, unknown>, tasks: maskDeep(s.tasks, keys) as CaseState['tasks'], timeline: maskDeep(s.timeline, keys) as CaseState['timeline'], nodeOutputs: maskDeep(s.nodeOutputs, keys) as Record<string, unknown>, votes: maskDeep(s.votes, keys) as CaseState['votes'] };
}
