/**
 * The process designer: palette, canvas, property panel and issue list around one editor store.
 * Drafts are edited; any published version opens read-only.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Panel, ReactFlowProvider } from '@xyflow/react';
import type { Definition, NodeKind } from '../../../dsl/schema.js';
import { client, ApiError, errorMessage } from '../lib/api.js';
import { designerReads, getPrefetched } from '../lib/prefetch.js';
import type { DefinitionDiff, ValidationIssue, VersionSummary } from '../../../api/index.js';
import { useEditor } from './graph/editor-store.js';
import { applyPositions, layoutPositions, preloadElk } from './graph/layout.js';
import { validateOffThread } from './graph/validate-client.js';
import type { GatewayType } from './graph/node-defaults.js';
import { GATEWAY_LABEL, NODE_KIND_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { formatDateTime } from '../lib/format.js';
import { FlowCanvas } from '../canvas/flow-canvas.js';
import { useCanvasView } from '../canvas/canvas-view.js';
import { Palette } from './palette.js';
import { NodeProps } from './node-props.js';
import { EdgeProps } from './edge-props.js';
import { MetaProps } from './meta-props.js';
import { IssueList } from './issue-list.js';
import { NodeSearch } from './node-search.js';
import { Outline } from './outline.js';
import { selectOnly } from './graph/editor-ops.js';
import { DiffDialog, PublishDialog } from './designer-dialogs.js';
import { describeChange, type DiffContext } from './diff-format.js';
import { RestoreBanner, UnsavedGuard, useLocalDraft } from './safe-editing.js';
import { clearLocalDraft } from './graph/local-drafts.js';
import { ErrorBanner, Loading, Notice } from '../shell/ui.js';
import { ForecastDialog } from '../forecast/forecast-dialog.js';
import { PlayDialog } from '../play/play-dialog.js';

const VALIDATE_DEBOUNCE_MS = 300;
/** The first check after opening waits a little longer (see the validation effect). */
const FIRST_VALIDATE_MS = 800;
const ELK_PRELOAD_AFTER_MS = 1500;

function isTyping(el: EventTarget | null): boolean {
  const e = el as HTMLElement | null;
  return !!e && (e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' || e.tagName === 'SELECT' || e.isContentEditable);
}

export function DesignerPage() {
  return (
    <ReactFlowProvider>
      <DesignerInner />
    </ReactFlowProvider>
  );
}

function DesignerInner() {
  const { key = '', version } = useParams();
  const t = useT();
  const lang = useLang((s) => s.lang);
  const navigate = useNavigate();
  const readOnly = version !== undefined;
  const load = useEditor((s) => s.load);
  const commit = useEditor((s) => s.commit);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const copy = useEditor((s) => s.copy);
  const pasteClipboard = useEditor((s) => s.pasteClipboard);
  const dirty = useEditor((s) => s.dirty);
  const issues = useEditor((s) => s.issues);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const title = useEditor((s) => s.doc.meta.title);
  const removedInDiff = useEditor((s) => s.diff?.removed);
  const { fitAll, showFirstView, focusNode } = useCanvasView();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [selected, setSelected] = useState<{ id: string; type: 'node' | 'edge' } | null>(null);
  const [tab, setTab] = useState<'props' | 'issues' | 'outline'>('props');
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [diff, setDiff] = useState<{ diff: DefinitionDiff; from: Definition } | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  /** The definition 流程预测 runs on: a snapshot of the editor when the dialog opened. */
  const [forecastDef, setForecastDef] = useState<Definition | null>(null);
  const [playDef, setPlayDef] = useState<Definition | null>(null);
  const [busy, setBusy] = useState(false);

  /** Lays the graph out (an undoable edit of a draft). */
  const layOut = useCallback(async () => {
    const pos = await layoutPositions(useEditor.getState().doc);
    if (useEditor.getState().readOnly) useEditor.setState((s) => ({ doc: applyPositions(s.doc, pos) }));
    else commit((d) => applyPositions(d, pos));
  }, [commit]);

  /** 自动布局: lay out, then show the first view of the new layout. */
  const runLayout = useCallback(async () => {
    await layOut();
    showFirstView(200);
  }, [layOut, showFirstView]);

  // Load the draft (or the latest version as a new draft), or a version read-only.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      setLoading(true);
      setError(undefined);
      setSelected(null);
      try {
        // The version list and the definition are fetched side by side.
        const reads = designerReads(key, version);
        const versionsP = getPrefetched<VersionSummary[]>(reads.versions).catch(() => [] as VersionSummary[]);
        const defP = getPrefetched<Definition>(reads.definition);
        defP.catch(() => undefined); // handled below, after the versions arrive
        const vs = await versionsP;
        if (cancelled) return;
        setVersions(vs);
        let def: Definition;
        try {
          def = await defP;
        } catch (err) {
          // No draft yet: edit the latest published version as a new draft.
          if (readOnly || !(err instanceof ApiError && err.status === 404) || vs.length === 0) throw err;
          const latest = Math.max(...vs.map((v) => v.version));
          def = await client.version(key, latest);
        }
        if (cancelled) return;
        const { missingPositions } = load(def, { readOnly });
        // A definition without positions is laid out before the canvas shows (no jump from a
        // row of nodes to the layout); the canvas then opens at its first view by itself.
        if (missingPositions) {
          try {
            await layOut();
          } catch (err) {
            setError(errorMessage(err));
          }
          if (cancelled) return;
        }
        setLoading(false);
      } catch (err) {
        if (!cancelled) {
          setError(errorMessage(err));
          setLoading(false);
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [key, version, readOnly, load, layOut]);

  // Live validation, debounced on the document revision, in a worker; a result for an older
  // revision is dropped (the newer one is on its way).
  const revision = useEditor((s) => s.revision);
  const firstCheck = useRef(true);
  useEffect(() => {
    if (loading) return;
    let stale = false;
    // Right after opening, leave the first second to drawing and the user's first click.
    const wait = firstCheck.current ? FIRST_VALIDATE_MS : VALIDATE_DEBOUNCE_MS;
    firstCheck.current = false;
    const h = window.setTimeout(() => {
      const at = useEditor.getState().revision;
      void validateOffThread(useEditor.getState().definition()).then((issues) => {
        if (!stale && useEditor.getState().revision === at) useEditor.getState().setIssues(issues);
      });
    }, wait);
    return () => {
      stale = true;
      window.clearTimeout(h);
    };
  }, [revision, loading]);

  // Start elk (a worker) when the page is idle after the first view, so the first 自动布局 does
  // not wait for it; not sooner, so its 1.6 MB do not compete with drawing and the first click.
  useEffect(() => {
    if (loading) return;
    let idle: number | undefined;
    const h = window.setTimeout(() => {
      if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(preloadElk, { timeout: 2000 });
      else preloadElk();
    }, ELK_PRELOAD_AFTER_MS);
    return () => {
      window.clearTimeout(h);
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, [loading]);

  // Keyboard shortcuts (Delete/Backspace are React Flow's own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') redo();
      else if (k === 'c') copy();
      else if (k === 'v') pasteClipboard();
      else if (k === 's' && !readOnly) void saveDraft();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const localDraft = useLocalDraft(key, !loading && !readOnly && !error);

  const saveDraft = async (): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await client.saveDraft(key, useEditor.getState().definition());
      useEditor.getState().markSaved();
      clearLocalDraft(key);
      useEditor.getState().setIssues(res.issues);
      setNotice(t('saved'));
      window.setTimeout(() => setNotice(undefined), 2500);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && err.issues.length) {
        useEditor.getState().setIssues(err.issues.map((i) => ({ code: 'SCHEMA_INVALID', message: i.message, path: i.path, severity: 'error' as const })));
        setTab('issues');
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const latest = versions.length ? Math.max(...versions.map((v) => v.version)) : null;

  const showDiff = async () => {
    if (latest === null) return;
    if (useEditor.getState().dirty && !(await saveDraft())) return;
    try {
      const [d, from] = await Promise.all([client.diff(key, { from: latest, to: 'draft' }), client.version(key, latest)]);
      setDiff({ diff: d, from });
      const ctx: DiffContext = { lang, from, to: useEditor.getState().definition() };
      useEditor.getState().setDiff({
        added: new Set([...d.nodes.added.map((n) => n.id), ...d.edges.added.map((e) => e.id)]),
        changed: new Set([...d.nodes.changed.map((c) => c.id), ...d.edges.changed.map((c) => c.id)]),
        removed: d.nodes.removed.map((n) => n.name),
        // On the canvas, under each changed node: what changed, old → new (the first two; the dialog has all).
        notes: Object.fromEntries(
          d.nodes.changed.map((c) => [
            c.id,
            c.changes
              .slice(0, 2)
              .map((x) => {
                const w = describeChange(ctx, x, 'node');
                return `${w.label}: ${w.from} → ${w.to}`;
              })
              .join('；') + (c.changes.length > 2 ? ' …' : ''),
          ]),
        ),
      });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const publish = async (changeNote: string) => {
    if (useEditor.getState().dirty && !(await saveDraft())) return;
    setBusy(true);
    try {
      const res = await client.publish(key, { changeNote });
      setPublishOpen(false);
      clearLocalDraft(key);
      useEditor.getState().setDiff(undefined);
      navigate(`/designer/${encodeURIComponent(key)}/v/${res.version}`);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && err.issues.length) setTab('issues');
    } finally {
      setBusy(false);
    }
  };

  const exportJson = () => {
    const def = useEditor.getState().definition();
    const blob = new Blob([JSON.stringify(def, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${def.key}-${readOnly ? `v${def.version}` : 'draft'}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const nameFor = useCallback((kind: NodeKind, gateway?: GatewayType) => (kind === 'gateway' && gateway ? GATEWAY_LABEL[gateway][lang] : NODE_KIND_LABEL[kind][lang]), [lang]);
  const onSelect = useCallback((id: string | null, type: 'node' | 'edge' | null) => {
    setSelected(id && type ? { id, type } : null);
    if (id) setTab('props');
  }, []);

  /** Selects a node found by search or in the outline, opens its properties and centres it. */
  const showNode = useCallback(
    (id: string) => {
      useEditor.setState((s) => ({ doc: selectOnly(s.doc, id) }));
      onSelect(id, 'node');
      focusNode(id, 300);
    },
    [onSelect, focusNode],
  );

  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;

  return (
    <div className="designer" data-testid="designer" data-readonly={readOnly}>
      <div className="toolbar" data-testid="designer-toolbar">
        <Link to="/designer" className="btn-text">
          ← {t('procedures')}
        </Link>
        <strong className="toolbar-title" data-testid="designer-title">
          {title} <span className="muted">({readOnly ? `v${version}` : t('draft')})</span>
        </strong>
        {readOnly ? <span className="tag">{t('readOnly')}</span> : null}
        {dirty ? <span className="tag tag-warn" data-testid="unsaved">{t('unsaved')}</span> : null}
        <span className="spacer" />
        {!readOnly ? (
          <>
            <button type="button" className="btn" onClick={undo} disabled={!canUndo} data-testid="undo" title="Ctrl+Z">
              ↶ {t('undo')}
            </button>
            <button type="button" className="btn" onClick={redo} disabled={!canRedo} data-testid="redo" title="Ctrl+Shift+Z">
              ↷ {t('redo')}
            </button>
            <button type="button" className="btn" onClick={copy} data-testid="copy" title="Ctrl+C">
              {t('copy')}
            </button>
            <button type="button" className="btn" onClick={pasteClipboard} data-testid="paste" title="Ctrl+V">
              {t('paste')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void saveDraft()} disabled={busy} data-testid="save-draft">
              {t('saveDraft')}
            </button>
            {latest !== null ? (
              <button type="button" className="btn" onClick={() => void showDiff()} data-testid="show-diff">
                {t('diff')}
              </button>
            ) : null}
            <button type="button" className="btn btn-go" onClick={() => setPublishOpen(true)} disabled={busy || errors > 0} data-testid="publish" title={errors > 0 ? `${errors} ${t('issues')}` : ''}>
              {t('publish')}
            </button>
          </>
        ) : (
          <Link to={`/designer/${encodeURIComponent(key)}`} className="btn" data-testid="open-draft">
            {t('openDraft')}
          </Link>
        )}
        <button type="button" className="btn" onClick={() => setForecastDef(useEditor.getState().definition())} disabled={loading} data-testid="open-forecast">
          {t('forecast')}
        </button>
        <button type="button" className="btn" onClick={() => setPlayDef(useEditor.getState().definition())} disabled={loading} data-testid="open-play">
          {t('play')}
        </button>
        <button type="button" className="btn" onClick={exportJson} data-testid="export-json">
          {t('exportJson')}
        </button>
        <select
          className="version-select"
          value={version ?? ''}
          data-testid="version-select"
          onChange={(e) => navigate(e.target.value ? `/designer/${encodeURIComponent(key)}/v/${e.target.value}` : `/designer/${encodeURIComponent(key)}`)}
        >
          <option value="">{t('draft')}</option>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version} · {formatDateTime(v.publishedAt, lang)}
            </option>
          ))}
        </select>
      </div>
      <ErrorBanner message={error} onClose={() => setError(undefined)} />
      <Notice message={notice} />
      <RestoreBanner {...localDraft} />
      {!readOnly ? <UnsavedGuard defKey={key} save={saveDraft} /> : null}
      {loading ? (
        <Loading />
      ) : (
        <div className="designer-body">
          {!readOnly ? <Palette /> : null}
          <FlowCanvas onSelect={onSelect} nameFor={nameFor} initialView="first">
            {/* View buttons on the canvas itself: they act on the drawing, and the toolbar stays one line. */}
            <Panel position="top-left" className="canvas-panel">
              <NodeSearch onPick={showNode} />
              <button type="button" className="btn btn-small" onClick={() => fitAll(200)} data-testid="fit-all" title={t('fitAllHint')}>
                {t('fitAll')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => void runLayout()} data-testid="auto-layout">
                {t('autoLayout')}
              </button>
            </Panel>
            {removedInDiff?.length ? (
              <Panel position="top-right" className="canvas-note diff-removed-note" data-testid="diff-removed-note">
                {t('dfRemovedOnCanvas')}{t('colon')}{removedInDiff.join('、')}
              </Panel>
            ) : null}
          </FlowCanvas>
          <aside className="sidepanel" data-testid="sidepanel">
            <div className="tabs">
              <button type="button" className={tab === 'props' ? 'tab active' : 'tab'} onClick={() => setTab('props')} data-testid="tab-props">
                {t('properties')}
              </button>
              <button type="button" className={tab === 'issues' ? 'tab active' : 'tab'} onClick={() => setTab('issues')} data-testid="tab-issues">
                {t('issues')}{' '}
                {errors ? <span className="count count-red" data-testid="error-count">{errors}</span> : null}
                {warnings ? <span className="count count-yellow">{warnings}</span> : null}
              </button>
              <button type="button" className={tab === 'outline' ? 'tab active' : 'tab'} onClick={() => setTab('outline')} data-testid="tab-outline">
                {t('outline')}
              </button>
            </div>
            {tab === 'props' ? (
              selected?.type === 'node' ? (
                <NodeProps id={selected.id} key={selected.id} onPick={onSelect} />
              ) : selected?.type === 'edge' ? (
                <EdgeProps id={selected.id} key={selected.id} />
              ) : (
                <>
                  <p className="muted hint">{t('selectSomething')}</p>
                  <MetaProps />
                </>
              )
            ) : tab === 'issues' ? (
              <IssueList onPick={(id, type) => onSelect(id, type)} />
            ) : (
              <Outline onPick={showNode} />
            )}
          </aside>
        </div>
      )}
      {diff ? <DiffDialog diff={diff.diff} from={diff.from} onClose={() => setDiff(null)} /> : null}
      {forecastDef ? <ForecastDialog def={forecastDef} onClose={() => setForecastDef(null)} /> : null}
      {playDef ? <PlayDialog def={playDef} onClose={() => setPlayDef(null)} /> : null}
      {publishOpen ? <PublishDialog busy={busy} onClose={() => setPublishOpen(false)} onPublish={(note) => void publish(note)} /> : null}
    </div>
  );
}
