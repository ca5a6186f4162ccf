/** The designer's two dialogs: what changed against the published version, and publishing with a change note. */
import { useState } from 'react';
import type { DefinitionDiff } from '../../../api/index.js';
import { useT } from '../lib/i18n.js';
import { Dialog, Field } from '../shell/ui.js';
import { useEditor } from './graph/editor-store.js';

export function DiffDialog({ diff, onClose }: { diff: DefinitionDiff; onClose: () => void }) {
  const t = useT();
  const nodeName = (id: string) => useEditor.getState().doc.nodes.find((n) => n.id === id)?.data.node.name ?? id;
  const section = (label: string, items: string[], cls: string, testId: string) => (
    <div className={`diff-section ${cls}`} data-testid={testId}>
      <h4>
        {label} ({items.length})
      </h4>
      <ul className="plain">
        {items.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
    </div>
  );
  return (
    <Dialog title={t('diff')} onClose={onClose} testId="diff-dialog">
      {section(`${t('added')} · ${t('node')}`, diff.nodes.added.map((id) => `${nodeName(id)} (${id})`), 'diff-added', 'diff-nodes-added')}
      {section(`${t('removed')} · ${t('node')}`, diff.nodes.removed, 'diff-removed', 'diff-nodes-removed')}
      {section(`${t('changed')} · ${t('node')}`, diff.nodes.changed.map((c) => `${nodeName(c.id)}: ${c.fields.join(', ')}`), 'diff-changed', 'diff-nodes-changed')}
      {section(`${t('added')} · ${t('edge')}`, diff.edges.added, 'diff-added', 'diff-edges-added')}
      {section(`${t('removed')} · ${t('edge')}`, diff.edges.removed, 'diff-removed', 'diff-edges-removed')}
      {section(`${t('changed')} · ${t('edge')}`, diff.edges.changed.map((c) => `${c.id}: ${c.fields.join(', ')}`), 'diff-changed', 'diff-edges-changed')}
      {diff.meta.length ? section(t('definitionInfo'), diff.meta, 'diff-changed', 'diff-meta') : null}
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
