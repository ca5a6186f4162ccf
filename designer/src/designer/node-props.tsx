/**
 * The property form of the selected node, generated from the DSL schema: enums come from the
 * zod schemas, so a new unit or operation shows up here without touching this file. The sections
 * of human nodes (assignment, deadline, operations, actions, vote rules) are node-sections.tsx.
 */
import { useState } from 'react';
import type { HumanNode, Node as DslNode } from '../../../dsl/schema.js';
import { connect, renameNode, selectOnly, updateNode } from './graph/editor-ops.js';
import { useEditor } from './graph/editor-store.js';
import { fieldMessages } from './graph/issues-map.js';
import { GATEWAY_LABEL, NODE_KIND_LABEL, SERVICE_ACTION_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { DurationProp, FieldErrors, NumberProp, SelectProp, TextProp } from './prop-inputs.js';
import { HumanSection, TaskSection, VoteSection, type Edit, type Err } from './node-sections.js';
import { ServiceSection } from './service-props.js';

const IDRE = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Edges of a node as buttons, and "connect to…": connecting without dragging a handle. */
function NodeEdges({ id, onPick }: { id: string; onPick?: (id: string, type: 'edge') => void }) {
  const lang = useLang((s) => s.lang);
  const edges = useEditor((s) => s.doc.edges);
  const nodes = useEditor((s) => s.doc.nodes);
  const readOnly = useEditor((s) => s.readOnly);
  const commit = useEditor((s) => s.commit);
  const name = (nid: string) => nodes.find((n) => n.id === nid)?.data.node.name ?? nid;
  const pick = (eid: string) => {
    useEditor.setState((s) => ({ doc: selectOnly(s.doc, eid) }));
    onPick?.(eid, 'edge');
  };
  const outgoing = edges.filter((e) => e.source === id);
  const incoming = edges.filter((e) => e.target === id);
  return (
    <fieldset className="group" data-testid="node-edges">
      <legend>{lang === 'zh' ? '连线' : 'Edges'}</legend>
      {incoming.map((e) => (
        <button type="button" key={e.id} className="btn-text edge-link" onClick={() => pick(e.id)} data-testid={`edge-link-${e.id}`}>
          {name(e.source)} → ● {e.label ? `(${String(e.label)})` : ''}
        </button>
      ))}
      {outgoing.map((e) => (
        <button type="button" key={e.id} className="btn-text edge-link" onClick={() => pick(e.id)} data-testid={`edge-link-${e.id}`}>
          ● → {name(e.target)} {e.label ? `(${String(e.label)})` : ''}
        </button>
      ))}
      {!readOnly ? (
        <SelectProp
          label={lang === 'zh' ? '连接到…' : 'Connect to…'}
          value=""
          testId="connect-to"
          options={[{ value: '', label: '—' }, ...nodes.filter((n) => n.id !== id).map((n) => ({ value: n.id, label: n.data.node.name }))]}
          onChange={(target) => target && commit((d) => connect(d, id, target))}
        />
      ) : null}
    </fieldset>
  );
}

export function NodeProps({ id, onPick }: { id: string; onPick?: (id: string, type: 'edge') => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const fn = useEditor((s) => s.doc.nodes.find((n) => n.id === id));
  const meta = useEditor((s) => s.doc.meta);
  const allNodes = useEditor((s) => s.doc.nodes);
  const readOnly = useEditor((s) => s.readOnly);
  const issueIndex = useEditor((s) => s.issueIndex);
  const commit = useEditor((s) => s.commit);
  const [idDraft, setIdDraft] = useState<string | null>(null);
  if (!fn) return null;
  const node = fn.data.node;
  const err = (field: string) => fieldMessages(issueIndex, id, field);
  const edit = (field: string, f: (n: DslNode) => DslNode) => commit((d) => updateNode(d, id, f), `${id}:${field}`);
  const roleOptions = [{ value: '', label: '—' }, ...meta.roles.map((r) => ({ value: r.key, label: r.name }))];
  const general = (issueIndex.byNode[id] ?? []).filter((i) => !i.field);

  return (
    <div className="props" data-testid="node-props" data-node-id={id}>
      <h3>
        {NODE_KIND_LABEL[node.kind][lang]} · {node.name}
      </h3>
      {general.length ? (
        <div className="issue-box">
          <FieldErrors messages={general.map((i) => i.message)} />
        </div>
      ) : null}
      <TextProp
        label={t('nodeId')}
        value={idDraft ?? id}
        readOnly={readOnly}
        testId="prop-id"
        errors={idDraft !== null && !IDRE.test(idDraft) ? ['标识只能包含字母、数字、下划线和连字符，且以字母开头'] : err('id')}
        onChange={(v) => setIdDraft(v)}
      />
      {idDraft !== null && idDraft !== id && IDRE.test(idDraft) ? (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            commit((d) => renameNode(d, id, idDraft));
            setIdDraft(null);
          }}
        >
          {t('save')}
        </button>
      ) : null}
      <TextProp label={t('name')} value={node.name} readOnly={readOnly} testId="prop-name" errors={err('name')} onChange={(v) => edit('name', (n) => ({ ...n, name: v }))} />
      <TextProp label={t('stage')} value={node.stage ?? ''} readOnly={readOnly} testId="prop-stage" errors={err('stage')} onChange={(v) => edit('stage', (n) => ({ ...n, stage: v || undefined }))} />
      <TextProp label={t('description')} value={node.description ?? ''} readOnly={readOnly} multiline errors={err('description')} onChange={(v) => edit('description', (n) => ({ ...n, description: v || undefined }))} />
      <NodeEdges id={id} onPick={onPick} />

      {node.kind === 'end' ? <TextProp label={t('outcome')} value={node.outcome} readOnly={readOnly} testId="prop-outcome" errors={err('outcome')} onChange={(v) => edit('outcome', (n) => ({ ...n, outcome: v }) as DslNode)} /> : null}

      {node.kind === 'task' || node.kind === 'vote' || node.kind === 'publicity' ? (
        <HumanSection node={node} id={id} roleOptions={roleOptions} err={err} edit={edit} allNodes={allNodes.map((n) => n.data.node)} />
      ) : null}

      {node.kind === 'task' ? <TaskSection node={node} err={err} edit={edit} /> : null}
      {node.kind === 'vote' ? <VoteSection vote={node.vote} err={err} roleOptions={roleOptions} onChange={(field, v) => edit(field, (n) => ({ ...n, vote: v }) as DslNode)} /> : null}
      {node.kind === 'publicity' ? (
        <>
          <DurationProp label={t('period')} value={node.period} readOnly={readOnly} testId="prop-period" errors={err('period')} onChange={(v) => edit('period', (n) => ({ ...n, period: v }) as DslNode)} />
          <TextProp label={t('channel')} value={node.channel ?? ''} readOnly={readOnly} errors={err('channel')} onChange={(v) => edit('channel', (n) => ({ ...n, channel: v || undefined }) as DslNode)} />
          <SelectProp label="异议人角色" value={node.objectorRole ?? ''} options={roleOptions} disabled={readOnly} errors={err('objectorRole')} onChange={(v) => edit('objectorRole', (n) => ({ ...n, objectorRole: v || undefined }) as DslNode)} />
        </>
      ) : null}
      {node.kind === 'timer' ? <DurationProp label={t('duration')} value={node.duration} readOnly={readOnly} testId="prop-duration" errors={err('duration')} onChange={(v) => edit('duration', (n) => ({ ...n, duration: v }) as DslNode)} /> : null}
      {node.kind === 'gateway' ? (
        <>
          <SelectProp
            label={t('gatewayType')}
            value={node.gateway}
            disabled={readOnly}
            testId="prop-gateway"
            options={(['exclusive', 'parallelSplit', 'parallelJoin'] as const).map((g) => ({ value: g, label: GATEWAY_LABEL[g][lang] }))}
            errors={err('gateway')}
            onChange={(v) => edit('gateway', (n) => ({ ...n, gateway: v }) as DslNode)}
          />
          {node.gateway === 'parallelJoin' ? (
            <SelectProp
              label="配对的并行分支"
              value={node.pairedWith ?? ''}
              disabled={readOnly}
              options={[{ value: '', label: '—' }, ...allNodes.filter((n) => n.data.node.kind === 'gateway').map((n) => ({ value: n.id, label: n.data.node.name }))]}
              errors={err('pairedWith')}
              onChange={(v) => edit('pairedWith', (n) => ({ ...n, pairedWith: v || undefined }) as DslNode)}
            />
          ) : null}
        </>
      ) : null}
      {node.kind === 'service' ? <ServiceSection node={node} err={err} edit={edit} roleOptions={roleOptions} /> : null}
      {node.kind === 'subprocess' ? (
        <>
          <TextProp label={t('subprocessKey')} value={node.definitionKey} readOnly={readOnly} errors={err('definitionKey')} onChange={(v) => edit('definitionKey', (n) => ({ ...n, definitionKey: v }) as DslNode)} />
          <NumberProp label={t('versions')} value={node.definitionVersion} readOnly={readOnly} errors={err('definitionVersion')} onChange={(v) => edit('definitionVersion', (n) => ({ ...n, definitionVersion: v > 0 ? v : undefined }) as DslNode)} />
        </>
      ) : null}
    </div>
  );
}
