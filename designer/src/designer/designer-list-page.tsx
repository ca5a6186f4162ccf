/**
 * Procedures and their versions; open a draft, view a version, or watch a process. 新建流程 (blank or
 * from a published procedure as template) and 导入 JSON live here, with search and filters.
 */
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { client, errorMessage, fieldErrors } from '../lib/api.js';
import type { DefinitionSummary, VersionSummary } from '../../../api/index.js';
import { formatDateTime } from '../lib/format.js';
import { useLang, useT, type MsgKey } from '../lib/i18n.js';
import { can, useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { Dialog, Empty, ErrorBanner, Field, Loading } from '../shell/ui.js';
import { filterDefinitions, type Filter } from './list-filter.js';

function Versions({ defKey }: { defKey: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { data, error } = useAsync(() => client.versions(defKey), [defKey]);
  if (error) return <ErrorBanner message={error} />;
  if (!data) return <Loading />;
  if (data.length === 0) return <Empty text={t('noVersion')} />;
  return (
    <table className="table" data-testid={`versions-${defKey}`}>
      <tbody>
        {[...data].reverse().map((v) => (
          <tr key={v.version}>
            <td>v{v.version}</td>
            <td>{formatDateTime(v.publishedAt, lang)}</td>
            <td>{v.publishedBy}</td>
            <td>{v.changeNote}</td>
            <td>
              <Link to={`/designer/${encodeURIComponent(defKey)}/v/${v.version}`} data-testid={`view-version-${defKey}-${v.version}`}>
                {t('viewVersion')}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FILTERS: { value: Filter; label: MsgKey }[] = [
  { value: 'all', label: 'filterAll' },
  { value: 'mine', label: 'filterMine' },
  { value: 'published', label: 'filterPublished' },
  { value: 'drafts', label: 'filterDrafts' },
];


function NewDefinitionDialog({ templates, onClose }: { templates: DefinitionSummary[]; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [key, setKey] = useState('');
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  return (
    <Dialog title={t('newProcedure')} onClose={onClose} testId="new-definition-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          const source = templates.find((d) => d.key === template);
          client
            .createDefinition({ key: key.trim(), title: title.trim(), ...(source?.latestVersion ? { template: { key: source.key, version: source.latestVersion } } : {}) })
            .then((r) => navigate(`/designer/${encodeURIComponent(r.key)}`))
            .catch((err: unknown) => {
              setError(err);
              setBusy(false);
            });
        }}
      >
        <ErrorBanner message={error && !Object.keys(errors).length ? errorMessage(error) : undefined} />
        <Field label={t('template')}>
          <select value={template} onChange={(e) => setTemplate(e.target.value)} data-testid="new-definition-template">
            <option value="">{t('blankTemplate')}</option>
            {templates.map((d) => (
              <option translate="no" key={d.key} value={d.key}>
                {t('fromTemplate')}
                {d.title} (v{d.latestVersion})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newProcedureTitle')} error={errors.title}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} data-testid="new-definition-title" />
        </Field>
        <Field label={t('newProcedureKey')} error={errors.key}>
          <input value={key} onChange={(e) => setKey(e.target.value)} required pattern="[A-Za-z][A-Za-z0-9_\-]*" maxLength={64} data-testid="new-definition-key" />
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !title.trim() || !key.trim()} data-testid="new-definition-submit">
            {t('create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DesignerListPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const me = useSession((s) => s.me);
  const navigate = useNavigate();
  const { data, error, loading } = useAsync(() => client.definitions(), []);
  const [open, setOpen] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [creating, setCreating] = useState(false);
  const [importError, setImportError] = useState<string>();
  const fileRef = useRef<HTMLInputElement>(null);
  const designer = can(me, 'designer');
  const shown = data ? filterDefinitions(data, query, filter, me?.id) : undefined;

  const importJson = async (file: File) => {
    setImportError(undefined);
    try {
      const def = JSON.parse(await file.text()) as Record<string, unknown>;
      const res = await client.importDefinition(def);
      navigate(`/designer/${encodeURIComponent(res.key)}`);
    } catch (err) {
      setImportError(err instanceof SyntaxError ? t('jsonInvalid') : errorMessage(err));
    }
  };

  return (
    <div className="page" data-testid="designer-list">
      <div className="page-head">
        <h1>{t('procedures')}</h1>
        {designer ? (
          <div className="row">
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-definition">
              + {t('newProcedure')}
            </button>
            <button type="button" className="btn" onClick={() => fileRef.current?.click()} data-testid="import-json">
              {t('importJson')}
            </button>
            <input ref={fileRef} type="file" accept="application/json,.json" hidden data-testid="import-file" onChange={(e) => e.target.files?.[0] && void importJson(e.target.files[0])} />
          </div>
        ) : null}
      </div>
      <div className="list-controls">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('searchProcedures')} aria-label={t('searchProcedures')} data-testid="definition-search" />
        <div className="chips" role="group">
          {FILTERS.filter((f) => designer || f.value === 'all').map((f) => (
            <button type="button" key={f.value} className={filter === f.value ? 'chip active' : 'chip'} aria-pressed={filter === f.value} onClick={() => setFilter(f.value)} data-testid={`definition-filter-${f.value}`}>
              {t(f.label)}
            </button>
          ))}
        </div>
      </div>
      <ErrorBanner message={error ?? importError} onClose={importError ? () => setImportError(undefined) : undefined} />
      {loading && !data ? <Loading /> : null}
      {data?.length === 0 ? <Empty /> : null}
      {data?.length && shown?.length === 0 ? <Empty text={t('noProcedureMatch')} /> : null}
      <div className="cards">
        {shown?.map((d) => (
          <div className="card" key={d.key} data-testid={`definition-${d.key}`}>
            <div className="card-head">
              <h2 translate="no">{d.title}</h2>
            </div>
            <div className="muted">
              {d.category ? `${d.category} · ` : ''}
              {d.latestVersion ? `v${d.latestVersion}` : t('noVersion')}
              {d.hasDraft ? ` · ${t('hasDraft')}` : ''} · {formatDateTime(d.updatedAt, lang)}
            </div>
            <div className="card-actions">
              {designer ? (
                <Link className="btn btn-primary" to={`/designer/${encodeURIComponent(d.key)}`} data-testid={`open-${d.key}`}>
                  {t('openDraft')}
                </Link>
              ) : null}
              {d.latestVersion ? (
                <Link className="btn" to={`/designer/${encodeURIComponent(d.key)}/v/${d.latestVersion}`}>
                  {t('viewVersion')} v{d.latestVersion}
                </Link>
              ) : null}
              {can(me, 'designer') && (d.latestVersion ?? 0) >= 2 ? (
                <Link className="btn" to={`/designer/${encodeURIComponent(d.key)}/migrate`} data-testid={`migrate-${d.key}`}>
                  {t('migrateCases')}
                </Link>
              ) : null}
              {can(me, 'monitor') && d.latestVersion ? (
                <Link className="btn" to={`/process/${encodeURIComponent(d.key)}`} data-testid={`process-${d.key}`}>
                  {t('processView')}
                </Link>
              ) : null}
              <button type="button" className="btn-text" onClick={() => setOpen(open === d.key ? null : d.key)} data-testid={`toggle-versions-${d.key}`}>
                {t('versions')} {open === d.key ? '▲' : '▼'}
              </button>
            </div>
            {open === d.key ? <Versions defKey={d.key} /> : null}
          </div>
        ))}
      </div>
      {creating ? <NewDefinitionDialog templates={(data ?? []).filter((d) => d.latestVersion !== null)} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
