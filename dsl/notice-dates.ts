/**
 * The date blanks of each notice template (activities/notice.ts renders them with `c.date` or
 * `c.endDate`) — the data keys a notice node's `dueOf` and `dates` may fill besides the
 * definition's own fields — and what those two params point at. Shared by the validator (a
 * reference to a node or key that does not exist is refused) and the designer's selects.
 */
import type { Definition, HumanNode, NoticeTemplate } from './schema.js';

export const NOTICE_DATE_BLANKS: Record<NoticeTemplate, readonly string[]> = {
  generic: [],
  'resolution-publicity': ['meetingDate', 'publicityStart', 'publicityEnd'],
  'warning-notice': ['deadline'],
  'rectification-notice': ['deadline'],
  'xinfang-reply': ['acceptedAt'],
  'acceptance-notice': ['dueAt', 'receivedAt'],
};

/** The key a bare `dueOf: 'node'` fills. */
export const DEFAULT_DUE_KEY = 'dueAt';

const isHuman = (n: { kind: string }): n is HumanNode => n.kind === 'task' || n.kind === 'vote' || n.kind === 'publicity';

/** The data keys a notice of `template` may fill: its date blanks, then the definition's date fields. */
export function noticeDateKeys(template: NoticeTemplate, def: Pick<Definition, 'fields'>): string[] {
  const blanks = NOTICE_DATE_BLANKS[template];
  return [...blanks, ...def.fields.filter((f) => f.type === 'date' && !blanks.includes(f.key)).map((f) => f.key)];
}

/** Nodes `dueOf` may name: steps with a statutory period (a human node with a deadline). */
export function dueOfNodes(def: Pick<Definition, 'nodes'>): HumanNode[] {
  return def.nodes.filter((n): n is HumanNode => isHuman(n) && !!n.deadline);
}

/** Nodes `dates` may name: steps that are completed by someone (task, vote, publicity). */
export function datesNodes(def: Pick<Definition, 'nodes'>): HumanNode[] {
  return def.nodes.filter(isHuman);
}

/** `dueOf` as data key → node id (a bare node id fills `dueAt`). */
export function dueOfEntries(dueOf: string | Record<string, string> | undefined): [string, string][] {
  if (dueOf === undefined) return [];
  return typeof dueOf === 'string' ? [[DEFAULT_DUE_KEY, dueOf]] : Object.entries(dueOf);
}
