/** Properties of the selected edge: outcome (suggested from the source node), condition, default. */
import type { Edge as DslEdge, Node as DslNode } from '../../../dsl/schema.js';
import { expressionSyntaxError } from '../../../dsl/expressions.js';
import { updateEdge } from './graph/editor-ops.js';
import { useEditor } from './graph/editor-store.js';
import { fieldMessages } from './graph/issues-map.js';
import { useT } from '../lib/i18n.js';
import { CheckProp, FieldErrors, SelectProp, TextProp } from './prop-inputs.js';

/** Outcomes the source node can produce (the validator's UNKNOWN_OUTCOME list, in the UI). */
export function outcomesOf(node: DslNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'task':
      return node.actions.map((a) => a.name);
    case 'vote':
      return ['passed', 'rejected', 'no_quorum'];
    case 'publicity':
      return ['clear', 'objections'];
    case 'subprocess':
      return ['completed'];
    case 'start':
    case 'end':
    case 'timer':
    case 'gateway':
    case 'service':
      return [];
    default: {
      const never: never = node;
      return [String(never)];
    }
  }
}

export function EdgeProps({ id }: { id: string }) {
  const t = useT();
  const fe = useEditor((s) => s.doc.edges.find((e) => e.id === id));
  const source = useEditor((s) => s.doc.nodes.find((n) => n.id === fe?.source)?.data.node);
  const target = useEditor((s) => s.doc.nodes.find((n) => n.id === fe?.target)?.data.node);
  const readOnly = useEditor((s) => s.readOnly);
  const issueIndex = useEditor((s) => s.issueIndex);
  const commit = useEditor((s) => s.commit);
  const nodeOptions = useEditor((s) => s.doc.nodes).map((n) => ({ value: n.id, label: n.data.node.name }));
  if (!fe) return null;
  const edge: DslEdge = fe.data?.edge ?? { id, from: fe.source, to: fe.target, default: false };
  const err = (f: string) => fieldMessages(issueIndex, id, f);
  const edit = (field: string, f: (e: DslEdge) => DslEdge) => commit((d) => updateEdge(d, id, f), `${id}:${field}`);
  const syntax = edge.condition ? expressionSyntaxError(edge.condition) : undefined;
  const outcomes = outcomesOf(source);
  const general = (issueIndex.byEdge[id] ?? []).filter((i) => !i.field);
  return (
    <div className="props" data-testid="edge-props" data-edge-id={id}>
      <h3>
        {source?.name ?? fe.source} → {target?.name ?? fe.target}
      </h3>
      {general.length ? <FieldErrors messages={general.map((i) => i.message)} /> : null}
      <SelectProp label="起点" value={edge.from} options={nodeOptions} disabled={readOnly} testId="prop-edge-from" errors={err('from')} onChange={(v) => commit((d) => updateEdge(d, id, (e) => ({ ...e, from: v })))} />
      <SelectProp label="终点" value={edge.to} options={nodeOptions} disabled={readOnly} testId="prop-edge-to" errors={err('to')} onChange={(v) => commit((d) => updateEdge(d, id, (e) => ({ ...e, to: v })))} />
      <TextProp label={t('edgeLabel')} value={edge.label ?? ''} readOnly={readOnly} errors={err('label')} onChange={(v) => edit('label', (e) => ({ ...e, label: v || undefined }))} />
      <label className={`field${err('outcome').length ? ' field-invalid' : ''}`}>
        <span className="field-label">{t('edgeOutcome')}</span>
        <input list={`outcomes-${id}`} value={edge.outcome ?? ''} readOnly={readOnly} data-testid="prop-edge-outcome" onChange={(e) => edit('outcome', (x) => ({ ...x, outcome: e.target.value || undefined }))} />
        <datalist id={`outcomes-${id}`}>
          {outcomes.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        {outcomes.length ? <span className="field-hint">{outcomes.join(' · ')}</span> : null}
        <FieldErrors messages={err('outcome')} />
      </label>
      <TextProp label={t('edgeCondition')} value={edge.condition ?? ''} readOnly={readOnly} multiline testId="prop-edge-condition" placeholder="data.amount > 100000" errors={[...(syntax ? [syntax] : []), ...err('condition')]} onChange={(v) => edit('condition', (e) => ({ ...e, condition: v || undefined }))} />
      <CheckProp label={t('edgeDefault')} checked={edge.default} disabled={readOnly} testId="prop-edge-default" onChange={(v) => edit('default', (e) => ({ ...e, default: v }))} />
      <FieldErrors messages={err('default')} />
    </div>
  );
}
