/**
 * Pins each validation issue to the node or edge and the field it concerns, so the canvas can
 * badge the node and the property panel can print the message under the field.
 */
import type { Definition } from '../../../../dsl/schema.js';

export interface PinnedIssue {
  code: string;
  message: string;
  path: (string | number)[];
  nodeId?: string;
  edgeId?: string;
  field?: string;
  severity: 'error' | 'warning';
}

export interface IssueIndex {
  byNode: Record<string, PinnedIssue[]>;
  byEdge: Record<string, PinnedIssue[]>;
  /** `${elementId}|${field}` or `meta|${field}` → messages. */
  byField: Record<string, string[]>;
  general: PinnedIssue[];
}

/** Fills nodeId / edgeId / field from the path when the validator left them out. */
export function pinIssue(issue: PinnedIssue, def: Pick<Definition, 'nodes' | 'edges'>): PinnedIssue {
  const [head, index, ...rest] = issue.path;
  let { nodeId, edgeId, field } = issue;
  if (head === 'nodes' && typeof index === 'number') {
    nodeId ??= def.nodes[index]?.id;
    if (field === undefined && rest.length > 0) field = rest.join('.');
  } else if (head === 'edges' && typeof index === 'number') {
    edgeId ??= def.edges[index]?.id;
    if (field === undefined && rest.length > 0) field = rest.join('.');
  } else if (field === undefined && typeof head === 'string' && head !== 'nodes' && head !== 'edges') {
    field = issue.path.join('.');
  }
  return { ...issue, ...(nodeId ? { nodeId } : {}), ...(edgeId ? { edgeId } : {}), ...(field !== undefined ? { field } : {}) };
}

export function indexIssues(issues: PinnedIssue[], def: Pick<Definition, 'nodes' | 'edges'>): IssueIndex {
  const idx: IssueIndex = { byNode: {}, byEdge: {}, byField: {}, general: [] };
  for (const raw of issues) {
    const i = pinIssue(raw, def);
    const owner = i.nodeId ?? i.edgeId;
    if (i.nodeId) (idx.byNode[i.nodeId] ??= []).push(i);
    else if (i.edgeId) (idx.byEdge[i.edgeId] ??= []).push(i);
    else idx.general.push(i);
    if (i.field) (idx.byField[`${owner ?? 'meta'}|${i.field}`] ??= []).push(i.message);
  }
  return idx;
}

/** Messages for a field and its sub-fields (e.g. `deadline` collects `deadline.duration.amount`). */
export function fieldMessages(idx: IssueIndex, owner: string, field: string): string[] {
  const out: string[] = [];
  for (const [k, msgs] of Object.entries(idx.byField)) {
    const [o, f] = k.split('|') as [string, string];
    if (o === owner && (f === field || f.startsWith(`${field}.`))) out.push(...msgs);
  }
  return out;
}
