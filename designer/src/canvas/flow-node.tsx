/**
 * One memo'd component renders every node kind. It reads its issues, diff mark and overlay from
 * the store by id (one cheap selector each), so a 300-node graph re-renders only what changed.
 */
import { memo } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { Node as DslNode } from '../../../dsl/schema.js';
import type { FlowNode } from '../designer/graph/convert.js';
import { useEditor } from '../designer/graph/editor-store.js';
import { GATEWAY_LABEL, NODE_KIND_LABEL, SERVICE_ACTION_LABEL, UNIT_LABEL } from '../lib/labels.js';
import { plainNote } from '../../../dsl/plain-note.js';
import { useLang } from '../lib/i18n.js';

const ICON: Record<DslNode['kind'], string> = {
  start: '▶',
  end: '■',
  task: '✎',
  vote: '☑',
  publicity: '☰',
  timer: '⏱',
  gateway: '◆',
  service: '⚙',
  subprocess: '⧉',
};

function subtitle(node: DslNode, lang: 'zh' | 'en'): string | undefined {
  switch (node.kind) {
    case 'task':
    case 'vote':
    case 'publicity': {
      const d = node.kind === 'publicity' ? node.period : node.deadline?.duration;
      return d ? `${d.amount} ${UNIT_LABEL[d.unit][lang]}` : undefined;
    }
    case 'timer':
      return `${node.duration.amount} ${UNIT_LABEL[node.duration.unit][lang]}`;
    case 'gateway':
      return GATEWAY_LABEL[node.gateway][lang];
    case 'subprocess':
      return node.definitionKey;
    case 'service':
      return SERVICE_ACTION_LABEL[node.action][lang];
    case 'start':
    case 'end':
      return undefined;
    default: {
      const never: never = node;
      return String(never);
    }
  }
}

function FlowNodeViewImpl({ id, data, selected }: NodeProps<FlowNode>) {
  const lang = useLang((s) => s.lang);
  const issues = useEditor((s) => s.issueIndex.byNode[id]);
  const diffMark = useEditor((s) => (s.diff ? (s.diff.added.has(id) ? 'added' : s.diff.changed.has(id) ? 'changed' : undefined) : undefined));
  const overlay = useEditor((s) => s.overlay[id]);
  const diffNote = useEditor((s) => s.diff?.notes?.[id]);
  const node = data.node;
  const errors = issues?.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = (issues?.length ?? 0) - errors;
  const round = node.kind === 'start' || node.kind === 'end';
  const cls = [
    'fnode',
    `fnode-${node.kind}`,
    round ? 'fnode-round' : '',
    selected ? 'fnode-selected' : '',
    errors ? 'fnode-error' : warnings ? 'fnode-warning' : '',
    diffMark ? `fnode-diff-${diffMark}` : '',
    overlay?.tone ? `fnode-${overlay.tone}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const style = overlay?.tone === 'heat' && overlay.heat !== undefined ? { background: heatColour(overlay.heat) } : undefined;
  const sub = subtitle(node, lang);
  return (
    <div className={cls} style={style} data-testid={`node-${id}`} data-kind={node.kind} data-diff={diffMark} data-overlay={overlay?.tone} title={plainNote(node.description) ?? node.name}>
      {node.kind !== 'start' ? <Handle type="target" position={Position.Left} /> : null}
      {node.kind === 'gateway' ? (
        <div className="fnode-diamond" aria-hidden />
      ) : null}
      <div className="fnode-body">
        <span className="fnode-icon" aria-hidden>
          {ICON[node.kind]}
        </span>
        <span className="fnode-name">{node.name}</span>
        {!round && sub ? <span className="fnode-sub">{sub}</span> : null}
        {round ? <span className="sr-only">{NODE_KIND_LABEL[node.kind][lang]}</span> : null}
      </div>
      {errors || warnings ? (
        <span className={`fnode-badge ${errors ? 'badge-error' : 'badge-warning'}`} data-testid={`node-issues-${id}`}>
          {errors || warnings}
        </span>
      ) : null}
      {diffNote ? (
        <span className="fnode-diff-note" data-testid={`node-diff-note-${id}`}>
          {diffNote}
        </span>
      ) : null}
      {overlay?.badge ? (
        <span className="fnode-overlay-badge" data-testid={`node-overlay-${id}`}>
          {overlay.badge}
        </span>
      ) : null}
      {node.kind !== 'end' ? <Handle type="source" position={Position.Right} /> : null}
    </div>
  );
}

/** 0 → calm green, 1 → alarm red, through yellow. */
export function heatColour(heat: number): string {
  const h = Math.max(0, Math.min(1, heat));
  const hue = 130 - 125 * h;
  return `hsl(${hue.toFixed(0)} 70% 88%)`;
}

export const FlowNodeView = memo(FlowNodeViewImpl);

export const nodeTypes: NodeTypes = {
  start: FlowNodeView,
  end: FlowNodeView,
  task: FlowNodeView,
  vote: FlowNodeView,
  publicity: FlowNodeView,
  timer: FlowNodeView,
  gateway: FlowNodeView,
  service: FlowNodeView,
  subprocess: FlowNodeView,
};
