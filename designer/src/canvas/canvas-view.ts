/**
 * Moving the canvas: 全图, the readable first view, and centring one node. Computed from node
 * positions and sizes (initial-view.ts) and applied at once, rather than through React Flow's
 * fitView, which waits until every node has been drawn and measured — with only the visible
 * nodes rendered, the off-screen ones never are.
 */
import { useMemo } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEditor } from '../designer/graph/editor-store.js';
import { firstView, fitAllViewport, nodeBox, READABLE_ZOOM, type Size } from '../designer/graph/initial-view.js';

export interface CanvasView {
  fitAll: (duration?: number) => void;
  showFirstView: (duration?: number) => void;
  focusNode: (id: string, duration?: number) => void;
}

export function useCanvasView(): CanvasView {
  const store = useStoreApi();
  const { setViewport, setCenter, getViewport } = useReactFlow();
  return useMemo(() => {
    const size = (): Size => {
      const { width, height } = store.getState();
      return { width, height };
    };
    return {
      fitAll: (duration) => void setViewport(fitAllViewport(useEditor.getState().doc.nodes, size()), { duration }),
      showFirstView: (duration) => void setViewport(firstView(useEditor.getState().doc, size()).viewport, { duration }),
      focusNode: (id, duration) => {
        const n = useEditor.getState().doc.nodes.find((x) => x.id === id);
        if (!n) return;
        const b = nodeBox(n);
        void setCenter(b.x + b.width / 2, b.y + b.height / 2, { zoom: Math.max(getViewport().zoom, READABLE_ZOOM), duration });
      },
    };
  }, [store, setViewport, setCenter, getViewport]);
}
