/**
 * What a caller may see of a case: sensitive fields (信访人身份 …) are shown as "***" to anyone
 * without a 信访 role, titles never carry their values, and who voted what in a secret vote is
 * never in any response.
 */
import type { Definition, FieldDef } from '../../dsl/schema.js';
import type { CaseState } from '../../workflows/types.js';

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
  const keys = sensitiveKeys(def);
  const out = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const part of [v.trim(), ...v.split(NAME_SEPARATORS)]) if (part.trim().length >= 2) out.add(part.trim());
    } else if (typeof v === 'number' && String(v).length >= 5) out.add(String(v));
    else if (Array.isArray(v)) v.forEach(add);
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (keys.has(k) ? add(v) : walk(v));
  };
  if (keys.size > 0) walk(data ?? {});
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

const BALLOT_KEYS = new Set(['choice', 'choices', 'picks', 'ballot', 'ballots', 'namedChoices', 'voters', 'votedBy']);

function stripBallots(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripBallots);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!BALLOT_KEYS.has(k)) out[k] = stripBallots(v);
    return out;
  }
  return value;
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
  return { ...s, title, data: maskDeep(s.data, keys) as Record<string, unknown>, tasks: maskDeep(s.tasks, keys) as CaseState['tasks'], timeline: maskDeep(s.timeline, keys) as CaseState['timeline'], nodeOutputs: maskDeep(s.nodeOutputs, keys) as Record<string, unknown> };
}
