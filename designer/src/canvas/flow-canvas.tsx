/** The React Flow canvas bound to the editor store; read-only for versions, cases and heat views. */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Background, ControlButton, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type OnSelectionChangeParams, type Viewport } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { NodeKind } from '../../../dsl/schema.js';
import { useEditor } from '../designer/graph/editor-store.js';
import { addNode, connect } from '../designer/graph/editor-ops.js';
import type { GatewayType } from '../designer/graph/node-defaults.js';
import { firstView, fitAllViewport } from '../designer/graph/initial-view.js';
import { useLang, useT } from '../lib/i18n.js';
import { edgeAriaLabel, edgeText } from '../designer/graph/edge-text.js';
import { FLOW_ARIA_LABELS } from './aria-labels.js';
import { useCanvasView } from './canvas-view.js';
import { nodeTypes } from './flow-node.js';

export const PALETTE_MIME = 'application/x-jiceng-node';

/**
 * `initialView`: 'first' opens readable at the start node unless the whole graph fits readably
 * (the designer); 'all' fits the whole graph (case and heat views). The canvas is measured before
 * React Flow mounts, so its first frame already has the right viewport and renders only the nodes
 * in it.
 */
export const FlowCanvas = memo(function FlowCanvas({
  onSelect,
  nameFor,
  minimap = true,
  initialView = 'all',
  children,
}: {
  onSelect?: (id: string | null, type: 'node' | 'edge' | null) => void;
  nameFor?: (kind: NodeKind, gateway?: GatewayType) => string;
  minimap?: boolean;
  initialView?: 'first' | 'all';
  /** Drawn on the canvas (e.g. the designer's view buttons in a Panel). */
  children?: React.ReactNode;
}) {
  const nodes = useEditor((s) => s.doc.nodes);
  const rawEdges = useEditor((s) => s.doc.edges);
  const readOnly = useEditor((s) => s.readOnly);
  const diff = useEditor((s) => s.diff);
  const overlay = useEditor((s) => s.overlay);
  const issueEdges = useEditor((s) => s.issueIndex.byEdge);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const commit = useEditor((s) => s.commit);
  const checkpoint = useEditor((s) => s.checkpoint);
  const { screenToFlowPosition } = useReactFlow();
  const { fitAll } = useCanvasView();
  const lang = useLang((s) => s.lang);
  const t = useT();
  const boxRef = useRef<HTMLDivElement>(null);
  const [defaultViewport, setDefaultViewport] = useState<Viewport>();
  useLayoutEffect(() => {
    const r = boxRef.current!.getBoundingClientRect();
    const size = { width: r.width, height: r.height };
    const doc = useEditor.getState().doc;
    setDefaultViewport(initialView === 'first' ? firstView(doc, size).viewport : fitAllViewport(doc.nodes, size));
    // Only the first frame: afterwards the user (or 全图 / auto-layout) moves the view.
  }, []);

  // The edges' own words (默认, 按条件, a vote's 通过 …) are stored in Chinese with the document;
  // an English page says them in English. Keyed on the nodes' names, not their positions: not per frame.
  const namesKey = lang === 'en' ? nodes.map((n) => `${n.id}\u0000${n.data.node.name}`).join('\u0001') : '';
  const langEdges = useMemo(() => {
    if (lang !== 'en') return rawEdges;
    const byId = new Map(useEditor.getState().doc.nodes.map((n) => [n.id, n.data.node]));
    return rawEdges.map((e) => {
      if (!e.data?.edge) return e;
      const label = edgeText(e.data.edge, byId.get(e.source), 'en');
      return { ...e, ...(label ? { label } : {}), ariaLabel: edgeAriaLabel(byId.get(e.source), byId.get(e.target), 'en') };
    });
  }, [rawEdges, lang, namesKey]);

  // Edge styling only changes with diff/overlay/issues: recompute classes then, not per frame.
  const edges = useMemo(() => {
    const onPath = new Set(Object.entries(overlay).filter(([, o]) => o.tone === 'path' || o.tone === 'current').map(([id]) => id));
    return langEdges.map((e) => {
      const cls = [
        diff?.added.has(e.id) ? 'edge-added' : diff?.changed.has(e.id) ? 'edge-changed' : '',
        issueEdges[e.id] ? 'edge-error' : '',
        onPath.has(e.source) && onPath.has(e.target) ? 'edge-path' : '',
      ]
        .filter(Boolean)
        .join(' ');
      return cls ? { ...e, className: cls } : e;
    });
  }, [langEdges, diff, overlay, issueEdges]);

  const onConnect = useCallback((c: Connection) => commit((d) => connect(d, c.source, c.target)), [commit]);

  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: OnSelectionChangeParams) => {
      if (!onSelect) return;
      if (ns.length === 1 && es.length === 0) onSelect(ns[0]!.id, 'node');
      else if (es.length === 1 && ns.length === 0) onSelect(es[0]!.id, 'edge');
      else onSelect(null, null);
    },
    [onSelect],
  );

  const onDrop = useCallback(
    (ev: React.DragEvent) => {
      const raw = ev.dataTransfer.getData(PALETTE_MIME);
      if (!raw || readOnly) return;
      ev.preventDefault();
      const [kind, gateway] = raw.split(':') as [NodeKind, GatewayType | undefined];
      const position = screenToFlowPosition({ x: ev.clientX, y: ev.clientY });
      commit((d) => addNode(d, kind, position, { gateway, name: nameFor ? nameFor(kind, gateway) : kind }).doc);
    },
    [commit, readOnly, screenToFlowPosition, nameFor],
  );

  return (
    <div className="canvas" data-testid="canvas" ref={boxRef} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      {defaultViewport ? (
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={checkpoint}
        onSelectionChange={onSelectionChange}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        onlyRenderVisibleElements
        defaultViewport={defaultViewport}
        minZoom={0.05}
        maxZoom={2}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={FLOW_ARIA_LABELS[lang]}
      >
        <Background gap={20} />
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={() => fitAll(200)} title={t('fitAll')} aria-label={t('fitAll')} data-testid="controls-fit-all">
            <svg viewBox="0 0 16 16" aria-hidden style={{ fill: 'none', stroke: 'currentColor', strokeWidth: 1.8 }}>
              <path d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4" />
            </svg>
          </ControlButton>
        </Controls>
        {minimap ? <MiniMap pannable zoomable nodeStrokeWidth={2} /> : null}
        {children}
      </ReactFlow>
      ) : null}
    </div>
  );
});
