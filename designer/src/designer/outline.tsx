/**
 * 大纲: every node of the procedure by stage, in the order a case meets them, beside the canvas —
 * the overview that stays readable however large the graph. A click shows the node.
 */
import { useMemo } from 'react';
import { useEditor } from './graph/editor-store.js';
import { nodeRole, outline } from './graph/node-search.js';
import { NODE_KIND_LABEL, UNIT_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';

export function Outline({ onPick }: { onPick: (id: string) => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const nodes = useEditor((s) => s.doc.nodes);
  const edges = useEditor((s) => s.doc.edges);
  const roles = useEditor((s) => s.doc.meta.roles);
  const byNode = useEditor((s) => s.issueIndex.byNode);
  const stages = useMemo(
    () => outline({ nodes: nodes.map((n) => n.data.node), edges: edges.map((e) => ({ id: e.id, from: e.source, to: e.target, default: false })) }),
    [nodes, edges],
  );
  const roleName = new Map(roles.map((r) => [r.key, r.name]));
  return (
    <div className="outline" data-testid="outline">
      <p className="muted hint">{t('outlineHint')}</p>
      {stages.map((g, i) => (
        <section key={g.stage ?? `none-${i}`} className="outline-stage">
          <h4>{g.stage ?? t('noStage')}</h4>
          <ul className="plain">
            {g.nodes.map((n) => {
              const role = nodeRole(n);
              const d = n.kind === 'publicity' ? n.period : n.kind === 'task' || n.kind === 'vote' ? n.deadline?.duration : n.kind === 'timer' ? n.duration : undefined;
              const issues = byNode[n.id]?.length ?? 0;
              return (
                <li key={n.id}>
                  <button type="button" className="btn-text outline-item" onClick={() => onPick(n.id)} data-testid={`outline-${n.id}`} data-kind={n.kind === 'service' ? `service-${n.action}` : n.kind}>
                    <span className="outline-kind">{NODE_KIND_LABEL[n.kind][lang]}</span> {n.name}
                    <span className="muted">
                      {role ? ` · ${roleName.get(role) ?? role}` : ''}
                      {d ? ` · ${d.amount} ${UNIT_LABEL[d.unit][lang]}` : ''}
                    </span>
                    {issues ? <span className="count count-red">{issues}</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
