/**
 * The designer's one store: the document being edited, undo/redo history, clipboard,
 * validation issues and diff highlights. Every edit goes through `commit`, which applies a
 * pure function from editor-ops.ts and records the previous document for undo.
 */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { Definition } from '../../../../dsl/schema.js';
import { definitionToFlow, flowToDefinition, type EditorDoc, type FlowEdge, type FlowNode } from './convert.js';
import { copySelection, deleteElements, paste, type Clipboard } from './editor-ops.js';
import { indexIssues, type IssueIndex, type PinnedIssue } from './issues-map.js';

const HISTORY_LIMIT = 100;

export interface DiffHighlight {
  added: Set<string>;
  changed: Set<string>;
  /** Names of the nodes the draft no longer has. */
  removed: string[];
  /** What changed on each changed node, old → new, in words (shown under it on the canvas). */
  notes?: Record<string, string>;
}

/** Overlay drawn on a read-only graph (case path, current nodes, process heat). */
export interface NodeOverlay {
  tone?: 'path' | 'current' | 'heat';
  heat?: number;
  badge?: string;
}

export interface EditorState {
  doc: EditorDoc;
  past: EditorDoc[];
  future: EditorDoc[];
  readOnly: boolean;
  dirty: boolean;
  /** Bumped on every document change; the validator debounces on it. */
  revision: number;
  clipboard?: Clipboard;
  issues: PinnedIssue[];
  issueIndex: IssueIndex;
  diff?: DiffHighlight;
  overlay: Record<string, NodeOverlay>;
  load: (def: Definition, opts: { readOnly: boolean }) => { missingPositions: boolean };
  /**
   * Apply an edit. Edits sharing a `coalesce` key within a second (typing in one field) make one
   * undo step, not one per keystroke.
   */
  commit: (edit: (doc: EditorDoc) => EditorDoc, coalesce?: string) => void;
  lastCommit?: { key: string; at: number };
  /** Record an undo point without changing anything (before a drag starts). */
  checkpoint: () => void;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  undo: () => void;
  redo: () => void;
  copy: () => void;
  pasteClipboard: () => void;
  setIssues: (issues: PinnedIssue[]) => void;
  setDiff: (diff: DiffHighlight | undefined) => void;
  setOverlay: (overlay: Record<string, NodeOverlay>) => void;
  markSaved: () => void;
  definition: () => Definition;
}

const emptyDoc: EditorDoc = {
  meta: { key: 'new', version: 1, schemaVersion: 2, title: '', roles: [], fields: [], params: [], summaryFields: [] },
  nodes: [],
  edges: [],
};

/**
 * A node starts with estimated handles (convert.ts) so React Flow need not draw it to measure it;
 * once React Flow has measured it, the estimate must go, or it would override the real handles.
 */
function forgetEstimatedHandles(nodes: FlowNode[], changes: NodeChange<FlowNode>[]): FlowNode[] {
  const measured = new Set(changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [c.id] : [])));
  if (measured.size === 0) return nodes;
  return nodes.map((n) => (measured.has(n.id) && n.handles ? withoutHandles(n) : n));
}

function withoutHandles(n: FlowNode): FlowNode {
  const { handles: _estimate, ...rest } = n;
  return rest;
}

/**
 * An undo/redo snapshot may predate React Flow's measuring of a node that is on screen now: keep
 * the current measurement (the DOM element stays, so nothing would measure it again).
 */
export function keepMeasurements(restored: EditorDoc, current: EditorDoc): EditorDoc {
  const now = new Map(current.nodes.map((n) => [n.id, n]));
  let changed = false;
  const nodes = restored.nodes.map((n) => {
    const c = now.get(n.id);
    if (!c?.measured || c.handles || (n.measured === c.measured && !n.handles)) return n;
    changed = true;
    return { ...withoutHandles(n), measured: c.measured };
  });
  return changed ? { ...restored, nodes } : restored;
}

const emptyIndex: IssueIndex = { byNode: {}, byEdge: {}, byField: {}, general: [] };

export const useEditor = create<EditorState>((set, get) => ({
  doc: emptyDoc,
  past: [],
  future: [],
  readOnly: true,
  dirty: false,
  revision: 0,
  issues: [],
  issueIndex: emptyIndex,
  overlay: {},
  load: (def, { readOnly }) => {
    const flow = definitionToFlow(def);
    const { missingPositions, ...doc } = flow;
    set((s) => ({ doc, past: [], future: [], readOnly, dirty: false, revision: s.revision + 1, issues: [], issueIndex: emptyIndex, diff: undefined, overlay: {} }));
    return { missingPositions };
  },
  commit: (edit, coalesce) => {
    const { doc, past, readOnly, lastCommit } = get();
    if (readOnly) return;
    const next = edit(doc);
    if (next === doc) return;
    const now = Date.now();
    const merge = coalesce !== undefined && lastCommit?.key === coalesce && now - lastCommit.at < 1000 && past.length > 0;
    set((s) => ({
      doc: next,
      past: merge ? past : [...past.slice(-HISTORY_LIMIT + 1), doc],
      future: [],
      dirty: true,
      revision: s.revision + 1,
      lastCommit: coalesce !== undefined ? { key: coalesce, at: now } : undefined,
    }));
  },
  checkpoint: () => {
    const { doc, past, readOnly } = get();
    if (readOnly) return;
    set({ past: [...past.slice(-HISTORY_LIMIT + 1), doc], future: [] });
  },
  onNodesChange: (changes) => {
    const { readOnly } = get();
    // Selection and measured dimensions are view state: no undo point, no revision bump.
    const editing = changes.filter((c) => c.type === 'position' || c.type === 'remove' || c.type === 'add' || c.type === 'replace');
    const allowed = readOnly ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions') : changes;
    const removals = allowed.filter((c) => c.type === 'remove').map((c) => (c as { id: string }).id);
    if (removals.length > 0) {
      get().commit((d) => deleteElements(d, removals, []));
      return;
    }
    set((s) => {
      const nodes = forgetEstimatedHandles(applyNodeChanges(allowed, s.doc.nodes), allowed);
      const moved = !readOnly && editing.some((c) => c.type === 'position' && !c.dragging);
      return { doc: { ...s.doc, nodes }, ...(moved ? { dirty: true, revision: s.revision + 1 } : {}) };
    });
  },
  onEdgesChange: (changes) => {
    const { readOnly } = get();
    const allowed = readOnly ? changes.filter((c) => c.type === 'select') : changes;
    const removals = allowed.filter((c) => c.type === 'remove').map((c) => (c as { id: string }).id);
    if (removals.length > 0) {
      get().commit((d) => deleteElements(d, [], removals));
      return;
    }
    set((s) => ({ doc: { ...s.doc, edges: applyEdgeChanges(allowed, s.doc.edges) } }));
  },
  undo: () => {
    const { past, doc, future } = get();
    const prev = past.at(-1);
    if (!prev) return;
    set((s) => ({ doc: keepMeasurements(prev, doc), past: past.slice(0, -1), future: [doc, ...future], dirty: true, revision: s.revision + 1 }));
  },
  redo: () => {
    const { past, doc, future } = get();
    const next = future[0];
    if (!next) return;
    set((s) => ({ doc: keepMeasurements(next, doc), past: [...past, doc], future: future.slice(1), dirty: true, revision: s.revision + 1 }));
  },
  copy: () => {
    const clip = copySelection(get().doc);
    if (clip) set({ clipboard: clip });
  },
  pasteClipboard: () => {
    const clip = get().clipboard;
    if (!clip) return;
    get().commit((d) => paste(d, clip).doc);
    // Paste again lands further away rather than on top of the previous copy.
    set({ clipboard: { ...clip, positions: Object.fromEntries(Object.entries(clip.positions).map(([k, p]) => [k, { x: p.x + 40, y: p.y + 40 }])) } });
  },
  setIssues: (issues) => set((s) => ({ issues, issueIndex: indexIssues(issues, flowToDefinition(s.doc)) })),
  setDiff: (diff) => set({ diff }),
  setOverlay: (overlay) => set({ overlay }),
  markSaved: () => set({ dirty: false }),
  definition: () => flowToDefinition(get().doc),
}));
