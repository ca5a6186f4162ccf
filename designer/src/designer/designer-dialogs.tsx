/** The designer's two dialogs: what changed against the published version, and publishing with a change note. */
import { useState } from 'react';
import type { DefinitionDiff } from '../../../api/index.js';
import type { ValueChange } from '../../../dsl/diff.js';
import type { Definition, NodeKind } from '../../../dsl/schema.js';
import { useLang, useT } from '../lib/i18n.js';
import { NODE_KIND_LABEL, OUTCOME_LABEL } from '../lib/labels.js';
import { describeChange, nodeName, type DiffContext } from './diff-format.js';
import { Dialog, Field } from '../shell/ui.js';
import { useEditor } from './graph/editor-store.js';

/** What changed against the published version: every node and edge by name, each value old → new. */
export function DiffDialog({ diff, from, onClose }: { diff: DefinitionDiff; from: Definition; onClose: () => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const ctx: DiffContext = { lang, from, to: useEditor.getState().definition() };
  const edgeName = (e: { from: string; to: string; label?: string; outcome?: string }) =>
    `${nodeName(ctx, e.from)} → ${nodeName(ctx, e.to)}${e.label ? `（${e.label}）` : e.outcome ? `（${OUTCOME_LABEL[e.outcome]?.[lang] ?? e.outcome}）` : ''}`;
  const changes = (list: ValueChange[], owner: 'node' | 'edge' | 'meta') => (
    <ul className="plain diff-changes">
      {list.map((c, i) => {
        const w = describeChange(ctx, c, owner);
        return (
          <li key={i} data-testid="diff-change">
            <span className="diff-label">{w.label}</span>：<del>{w.from}</del> → <ins>{w.to}</ins>
          </li>
        );
      })}
    </ul>
  );
  const section = (label: string, count: number, cls: string, testId: string, body: React.ReactNode) =>
    count ? (
      <div className={`diff-section ${cls}`} data-testid={testId}>
        <h4>
          {label} ({count})
        </h4>
        {body}
      </div>
    ) : null;
  const empty = !diff.nodes.added.length && !diff.nodes.removed.length && !diff.nodes.changed.length && !diff.edges.added.length && !diff.edges.removed.length && !diff.edges.changed.length && !diff.meta.length;
  return (
    <Dialog title={`${t('diff')} · v${from.version} → ${t('draft')}`} onClose={onClose} testId="diff-dialog">
      {empty ? <p className="muted">{t('dfNothing')}</p> : null}
      {section(t('dfMeta'), diff.meta.length, 'diff-changed', 'diff-meta', changes(diff.meta, 'meta'))}
      {section(t('dfAddedNodes'), diff.nodes.added.length, 'diff-added', 'diff-nodes-added', (
        <ul className="plain">
          {diff.nodes.added.map((n) => (
            <li key={n.id}>
              {n.name} <span className="muted">{NODE_KIND_LABEL[n.kind as NodeKind]?.[lang]}</span>
            </li>
          ))}
        </ul>
      ))}
      {section(t('dfRemovedNodes'), diff.nodes.removed.length, 'diff-removed', 'diff-nodes-removed', (
        <ul className="plain">
          {diff.nodes.removed.map((n) => (
            <li key={n.id}>
              {n.name} <span className="muted">{NODE_KIND_LABEL[n.kind as NodeKind]?.[lang]}</span>
            </li>
          ))}
        </ul>
      ))}
      {section(t('dfChangedNodes'), diff.nodes.changed.length, 'diff-changed', 'diff-nodes-changed', (
        <ul className="plain">
          {diff.nodes.changed.map((n) => (
            <li key={n.id} data-testid={`diff-node-${n.id}`}>
              <strong>{n.name}</strong>
              {changes(n.changes, 'node')}
            </li>
          ))}
        </ul>
      ))}
      {section(t('dfAddedEdges'), diff.edges.added.length, 'diff-added', 'diff-edges-added', (
        <ul className="plain">
          {diff.edges.added.map((e) => (
            <li key={e.id}>{edgeName(e)}</li>
          ))}
        </ul>
      ))}
      {section(t('dfRemovedEdges'), diff.edges.removed.length, 'diff-removed', 'diff-edges-removed', (
        <ul className="plain">
          {diff.edges.removed.map((e) => (
            <li key={e.id}>{edgeName(e)}</li>
          ))}
        </ul>
      ))}
      {section(t('dfChangedEdges'), diff.edges.changed.length, 'diff-changed', 'diff-edges-changed', (
        <ul className="plain">
          {diff.edges.changed.map((e) => (
            <li key={e.id}>
              <strong>{edgeName(e)}</strong>
              {changes(e.changes, 'edge')}
            </li>
          ))}
        </ul>
      ))}
    </Dialog>
  );
}

export function PublishDialog({ onClose, onPublish, busy }: { onClose: () => void; onPublish: (note: string) => void; busy: boolean }) {
  const t = useT();
  const [note, setNote] = useState('');
  return (
    <Dialog title={t('publish')} onClose={onClose} testId="publish-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onPublish(note.trim());
        }}
      >
        <Field label={t('changeNote')}>
          <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} required data-testid="change-note" />
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="btn btn-go" disabled={busy || !note.trim()} data-testid="confirm-publish">
            {t('publish')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
