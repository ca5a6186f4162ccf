/**
 * React Flow's own words (the zoom buttons, the mini map, what a screen reader hears on a node or
 * an edge) in the app's language: English by default, so a zh-CN page read them out in English.
 */
import type { AriaLabelConfig } from '@xyflow/react';
import type { Lang } from '../lib/format.js';

const DIRECTION: Record<string, string> = { up: '上', down: '下', left: '左', right: '右' };

export const FLOW_ARIA_LABELS: Record<Lang, AriaLabelConfig> = {
  zh: {
    'node.a11yDescription.default': '按回车或空格键选中节点，按删除键删除，按 Esc 取消。',
    'node.a11yDescription.keyboardDisabled': '按回车或空格键选中节点，再用方向键移动；按删除键删除，按 Esc 取消。',
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => `已将选中节点向${DIRECTION[direction] ?? direction}移动，新位置 ${x}，${y}`,
    'edge.a11yDescription.default': '按回车或空格键选中连线，按删除键删除，按 Esc 取消。',
    'controls.ariaLabel': '画布控制',
    'controls.zoomIn.ariaLabel': '放大',
    'controls.zoomOut.ariaLabel': '缩小',
    'controls.fitView.ariaLabel': '适应画布',
    'controls.interactive.ariaLabel': '锁定/解锁编辑',
    'minimap.ariaLabel': '缩略图',
    'handle.ariaLabel': '连接点',
  },
  en: {
    'node.a11yDescription.default': 'Press enter or space to select a node. Press delete to remove it and escape to cancel.',
    'node.a11yDescription.keyboardDisabled': 'Press enter or space to select a node. You can then use the arrow keys to move the node around. Press delete to remove it and escape to cancel.',
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => `Moved selected node ${direction}. New position, x: ${x}, y: ${y}`,
    'edge.a11yDescription.default': 'Press enter or space to select an edge. You can then press delete to remove it or escape to cancel.',
    'controls.ariaLabel': 'Control Panel',
    'controls.zoomIn.ariaLabel': 'Zoom In',
    'controls.zoomOut.ariaLabel': 'Zoom Out',
    'controls.fitView.ariaLabel': 'Fit View',
    'controls.interactive.ariaLabel': 'Toggle Interactivity',
    'minimap.ariaLabel': 'Mini Map',
    'handle.ariaLabel': 'Handle',
  },
};
