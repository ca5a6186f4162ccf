/** A definition drawn read-only with an overlay (case path, current nodes, process heat). */
import { useEffect, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { Definition } from '../../../dsl/schema.js';
import { useEditor, type NodeOverlay } from '../designer/graph/editor-store.js';
import { applyPositions, layoutPositions } from '../designer/graph/layout.js';
import { useCanvasView } from './canvas-view.js';
import { FlowCanvas } from './flow-canvas.js';

function Inner({ definition, overlay }: { definition: Definition; overlay: Record<string, NodeOverlay> }) {
  const load = useEditor((s) => s.load);
  const setOverlay = useEditor((s) => s.setOverlay);
  const { fitAll } = useCanvasView();
  // The canvas mounts once the definition is in the store, so its first frame fits this graph;
  // a reloaded definition (after a case action) is fitted again.
  const [ready, setReady] = useState(false);
  const mounted = useRef(false);
  useEffect(() => {
    const { missingPositions } = load(definition, { readOnly: true });
    if (!mounted.current) {
      mounted.current = true;
      setReady(true);
    } else if (!missingPositions) requestAnimationFrame(() => fitAll());
    let cancelled = false;
    if (missingPositions) {
      void layoutPositions(useEditor.getState().doc).then((pos) => {
        if (cancelled) return;
        useEditor.setState((s) => ({ doc: applyPositions(s.doc, pos) }));
        requestAnimationFrame(() => fitAll());
      });
    }
    return () => {
      cancelled = true;
    };
  }, [definition, load, fitAll]);
  useEffect(() => {
    setOverlay(overlay);
  }, [overlay, setOverlay, definition]);
  return ready ? <FlowCanvas minimap={false} /> : null;
}

export function ReadOnlyGraph(props: { definition: Definition; overlay: Record<string, NodeOverlay> }) {
  return (
    <div className="graph-box" data-testid="readonly-graph">
      <ReactFlowProvider>
        <Inner {...props} />
      </ReactFlowProvider>
    </div>
  );
}
