/** Node palette: drag onto the canvas, or click to drop the node in the middle of the view. */
import { useReactFlow } from '@xyflow/react';
import { addNode } from './graph/editor-ops.js';
import { useEditor } from './graph/editor-store.js';
import { PALETTE, paletteKey } from './graph/node-defaults.js';
import { useLang, useT } from '../lib/i18n.js';
import { PALETTE_MIME } from '../canvas/flow-canvas.js';

export function Palette() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const commit = useEditor((s) => s.commit);
  const { screenToFlowPosition } = useReactFlow();
  return (
    <aside className="palette" data-testid="palette">
      <h3>{t('palette')}</h3>
      {PALETTE.map((p) => (
        <button
          type="button"
          key={paletteKey(p)}
          className={`palette-item palette-${p.kind}`}
          draggable
          data-testid={`palette-${paletteKey(p).replace(':', '-')}`}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, paletteKey(p));
            e.dataTransfer.effectAllowed = 'move';
          }}
          onClick={() => {
            const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
            const centre = canvas ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }) : { x: 0, y: 0 };
            const jitter = (useEditor.getState().doc.nodes.length % 5) * 24;
            commit((d) => addNode(d, p.kind, { x: centre.x + jitter, y: centre.y + jitter }, { gateway: p.gateway, name: p.kind === 'gateway' ? p.zh.replace('网关（', '').replace('）', '') : p.zh }).doc);
          }}
        >
          {p[lang]}
        </button>
      ))}
    </aside>
  );
}
