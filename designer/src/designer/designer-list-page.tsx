/** Procedures and their versions; open a draft, view a version, or watch a process. */
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../lib/api.js';
import type { DefinitionSummary, VersionSummary } from '../../../api/index.js';
import { formatDateTime } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { can, useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { Empty, ErrorBanner, Loading } from '../shell/ui.js';

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

export function DesignerListPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const me = useSession((s) => s.me);
  const { data, error, loading } = useAsync(() => client.definitions(), []);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="page" data-testid="designer-list">
      <h1>{t('procedures')}</h1>
      <ErrorBanner message={error} />
      {loading && !data ? <Loading /> : null}
      {data?.length === 0 ? <Empty /> : null}
      <div className="cards">
        {data?.map((d) => (
          <div className="card" key={d.key} data-testid={`definition-${d.key}`}>
            <div className="card-head">
              <h2>{d.title}</h2>
            </div>
            <div className="muted">
              {d.category ? `${d.category} · ` : ''}
              {d.latestVersion ? `v${d.latestVersion}` : t('noVersion')}
              {d.hasDraft ? ` · ${t('hasDraft')}` : ''} · {formatDateTime(d.updatedAt, lang)}
            </div>
            <div className="card-actions">
              {can(me, 'designer') ? (
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
    </div>
  );
}
