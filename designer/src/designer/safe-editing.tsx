/**
 * Edits are not lost: leaving the designer with unsaved edits — a link in the app, the version
 * list, closing the tab — asks first (save and leave / leave without saving / stay), and every
 * edit is autosaved in this browser until the draft reaches the server, so a crash or a closed
 * tab can be undone with 恢复 the next time the procedure opens.
 */
import { useCallback, useEffect, useState } from 'react';
import { useBlocker } from 'react-router';
import { formatDateTime } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { Dialog } from '../shell/ui.js';
import { definitionToFlow } from './graph/convert.js';
import { useEditor } from './graph/editor-store.js';
import { clearLocalDraft, differsFrom, loadLocalDraft, saveLocalDraft, type LocalDraft } from './graph/local-drafts.js';

const AUTOSAVE_MS = 800;

/**
 * Asks before an in-app navigation away from a dirty draft, and has the browser ask before the tab
 * closes or reloads. `save` saves the draft to the server (false when it failed: then we stay).
 */
export function UnsavedGuard({ defKey, save }: { defKey: string; save: () => Promise<boolean> }) {
  const t = useT();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    const s = useEditor.getState();
    return s.dirty && !s.readOnly && currentLocation.pathname !== nextLocation.pathname;
  });
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      const s = useEditor.getState();
      if (!s.dirty || s.readOnly) return;
      e.preventDefault();
      // Chromium shows its own "Leave site?" prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
  if (blocker.state !== 'blocked') return null;
  return (
    <Dialog title={t('leaveTitle')} onClose={() => blocker.reset()} testId="leave-dialog">
      <p>{t('leaveText')}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => blocker.reset()} data-testid="leave-stay">
          {t('leaveStay')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="leave-discard"
          onClick={() => {
            clearLocalDraft(defKey);
            useEditor.getState().markSaved();
            blocker.proceed();
          }}
        >
          {t('leaveDiscard')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="leave-save" onClick={() => void save().then((ok) => (ok ? blocker.proceed() : blocker.reset()))}>
          {t('leaveSave')}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Autosaves a dirty draft in this browser (debounced on the document revision) and offers, when a
 * procedure opens, the copy a previous visit left unsaved.
 */
export function useLocalDraft(defKey: string, active: boolean): { pending?: LocalDraft; restore: () => void; discard: () => void } {
  const revision = useEditor((s) => s.revision);
  const [pending, setPending] = useState<LocalDraft>();

  // When the definition has loaded: is there an autosaved copy that differs from it?
  useEffect(() => {
    if (!active) return setPending(undefined);
    const local = loadLocalDraft(defKey);
    if (local && differsFrom(local, useEditor.getState().definition())) setPending(local);
    else {
      if (local) clearLocalDraft(defKey);
      setPending(undefined);
    }
  }, [defKey, active]);

  useEffect(() => {
    if (!active || pending) return;
    const h = window.setTimeout(() => {
      const s = useEditor.getState();
      if (s.dirty && !s.readOnly) saveLocalDraft(defKey, s.definition());
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(h);
  }, [revision, defKey, active, pending]);

  const restore = useCallback(() => {
    if (!pending) return;
    // One undoable edit: 撤销 goes back to what the server holds.
    useEditor.getState().commit(() => {
      const { missingPositions: _layout, ...doc } = definitionToFlow(pending.definition);
      return doc;
    });
    setPending(undefined);
  }, [pending]);
  const discard = useCallback(() => {
    clearLocalDraft(defKey);
    setPending(undefined);
  }, [defKey]);
  return { pending, restore, discard };
}

export function RestoreBanner({ pending, restore, discard }: { pending?: LocalDraft; restore: () => void; discard: () => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (!pending) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="restore-banner">
      <span>
        {t('restoreText')} {formatDateTime(pending.savedAt, lang)}
        {t('restoreTextEnd')}
      </span>
      <button type="button" className="btn btn-small btn-primary" onClick={restore} data-testid="restore-local">
        {t('restore')}
      </button>
      <button type="button" className="btn btn-small" onClick={discard} data-testid="discard-local">
        {t('discard')}
      </button>
    </div>
  );
}
