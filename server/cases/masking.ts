/**
 * What a caller may see of a case: sensitive fields (信访人身份 …) are shown as "***" to anyone
 * without a 信访 role, and who voted what in a secret vote is never in any response.
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

const BALLOT_KEYS = new Set(['choice', 'choices', 'picks', 'ballot', 'ballots', 'namedChoices', 'voters', 'votedBy']);

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
  return { ...s, data: maskDeep(s.data, keys) as Record<string, unknown>, tasks: maskDeep(s.tasks, keys) as CaseState['tasks'], timeline: maskDeep(s.timeline, keys) as CaseState['timeline'], nodeOutputs: maskDeep(s.nodeOutputs, keys) as Record<string, unknown> };
}
