/** A definition's graph coloured by where open cases wait and for how long (supervisors). */
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Definition } from '../../../dsl/schema.js';
import type { NodeOverlay } from '../designer/graph/editor-store.js';
import { client, qs } from '../lib/api.js';
import type { ProcessNodeStat, VersionSummary } from '../../../api/index.js';
import { formatHours } from '../lib/format.js';
import { heatOverlay } from './process-heat.js';
import { useLang, useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { ReadOnlyGraph } from '../canvas/read-only-graph.js';
import { ErrorBanner, Loading } from '../shell/ui.js';

export function ProcessViewPage() {
  const { key = '' } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang((s) => s.lang);
  const version = params.get('version');
  const def = useAsync(async () => {
    const v = version ?? String(Math.max(...(await client.versions(key)).map((x) => x.version)));
    return client.version(key, v);
  }, [key, version]);
  const stats = useAsync(() => client.processHeat(key, { version }), [key, version]);
  const overlay = useMemo(() => heatOverlay(stats.data?.nodes ?? [], lang), [stats.data, lang]);
  const nodeName = (id: string) => def.data?.nodes.find((n) => n.id === id)?.name ?? id;
  return (
    <div className="page" data-testid="process-view">
      <div className="page-head">
        <Link to="/designer" className="btn-text">
          ← {t('procedures')}
        </Link>
        <h1>
          {t('processView')} · {def.data?.title ?? key} {def.data ? <span className="muted">v{def.data.version}</span> : null}
        </h1>
      </div>
      <ErrorBanner message={def.error ?? stats.error} />
      {def.data ? <ReadOnlyGraph definition={def.data} overlay={overlay} /> : <Loading />}
      {stats.data ? (
        <table className="table" data-testid="process-stats">
          <thead>
            <tr>
              <th>{t('node')}</th>
              <th>{t('openCases')}</th>
              <th>{t('avgWait')}</th>
              <th>{t('maxWait')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.data.nodes
              .filter((s) => s.openCases > 0)
              .sort((a, b) => b.avgWaitHours - a.avgWaitHours)
              .map((s) => (
                <tr key={s.nodeId}>
                  <td>{nodeName(s.nodeId)}</td>
                  <td>{s.openCases}</td>
                  <td>{formatHours(s.avgWaitHours, lang)}</td>
                  <td>{formatHours(s.maxWaitHours, lang)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
