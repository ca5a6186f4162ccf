import type { NodeOverlay } from '../designer/graph/editor-store.js';
import type { ProcessNodeStat } from '../../../api/index.js';
import { formatHours } from '../lib/format.js';

/** Heat 0..1 from the average wait, relative to the slowest node of this process. */
export function heatOverlay(stats: ProcessNodeStat[], lang: 'zh' | 'en'): Record<string, NodeOverlay> {
  const max = Math.max(0, ...stats.map((s) => s.avgWaitHours));
  const o: Record<string, NodeOverlay> = {};
  for (const s of stats) {
    if (s.openCases === 0) continue;
    o[s.nodeId] = { tone: 'heat', heat: max > 0 ? s.avgWaitHours / max : 0, badge: `${s.openCases} · ${formatHours(s.avgWaitHours, lang)}` };
  }
  return o;
}

