/** A definition drawn read-only with an overlay (case path, current nodes, process heat). */
import { useEffect } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { Definition } from '../../../dsl/schema.js';
import { useEditor, type NodeOverlay } from '../graph/editor-store.js';
import { applyPositions, layoutPositions } from '../graph/layout.js';
import { FlowCanvas } from './flow-canvas.js';

function Inner({ definition, overlay }: { definition: Definition; overlay: Record<string, NodeOverlay> }) {
  const load = useEditor((s) => s.load);
  const setOverlay = useEditor((s) => s.setOverlay);
  const { fitView } = useReactFlow();
  useEffect(() => {
    const { missingPositions } = load(definition, { readOnly: true });
    let cancelled = false;
    if (missingPositions) {
      void layoutPositions(useEditor.getState().doc).then((pos) => {
        if (cancelled) return;
        useEditor.setState((s) => ({ doc: applyPositions(s.doc, pos) }));
        requestAnimationFrame(() => void fitView());
      });
    } else requestAnimationFrame(() => void fitView());
    return () => {
      cancelled = true;
    };
  }, [definition, load, fitView]);
  useEffect(() => {
    setOverlay(overlay);
  }, [overlay, setOverlay, definition]);
  return <FlowCanvas minimap={false} />;
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
