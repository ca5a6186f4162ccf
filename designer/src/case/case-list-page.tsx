/** Cases filtered by procedure, village and light: where the board drills down to. */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { client, qs } from '../lib/api.js';
import type { CaseSummary } from '../../../api/index.js';
import { HEALTH_LEVELS } from '../../../api/routes.js';
import { HEALTH_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { CaseTable } from './case-table.js';
import { BulkDialog } from '../monitor/bulk-dialog.js';
import { ErrorBanner, Loading } from '../shell/ui.js';

export function CaseListPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [params] = useSearchParams();
  const procedure = params.get('procedure') ?? '';
  const orgUnit = params.get('orgUnit') ?? '';
  const health = HEALTH_LEVELS.find((h) => h === params.get('health'));
  const q = params.get('q') ?? '';
  const { data, error, loading, reload } = useAsync(() => client.cases({ procedure, orgUnit, health, q, status: 'running', pageSize: 200 }), [procedure, orgUnit, health, q]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState(false);
  return (
    <div className="page" data-testid="case-list">
      <div className="page-head">
        <Link to="/monitor" className="btn-text">
          ← {t('board')}
        </Link>
        <h1>{t('cases')}</h1>
        <span className="muted">
          {[procedure, orgUnit, health ? (HEALTH_LABEL as Record<string, { zh: string; en: string }>)[health]?.[lang] : ''].filter(Boolean).join(' · ')}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" disabled={selected.size === 0} onClick={() => setBulk(true)} data-testid="bulk-open">
          {t('bulk')} ({selected.size})
        </button>
      </div>
      <ErrorBanner message={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <CaseTable
          items={data.items}
          testId="case-table"
          selected={selected}
          onToggle={(id, on) =>
            setSelected((s) => {
              const n = new Set(s);
              if (on) n.add(id);
              else n.delete(id);
              return n;
            })
          }
        />
      ) : null}
      {bulk ? <BulkDialog caseIds={[...selected]} onClose={() => setBulk(false)} onDone={() => void reload()} /> : null}
    </div>
  );
}
