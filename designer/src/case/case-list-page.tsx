/** Cases filtered by procedure, village, light and status, searched by title, sorted, page by page: where the board drills down to. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryParams } from '../lib/use-query-params.js';
import { api, qs } from '../lib/api.js';
import type { CasePage, CaseSummary } from '../../../api/index.js';
import { HEALTH_LEVELS } from '../../../api/routes.js';
import { HEALTH_LABEL, STATUS_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { usePaged } from '../lib/use-paged.js';
import { CaseTable } from './case-table.js';
import { BulkDialog } from '../monitor/bulk-dialog.js';
import { MoreButton, SearchBox, SortSelect } from '../shell/list-controls.js';
import { ErrorBanner, Loading } from '../shell/ui.js';

type Sort = 'due' | 'started' | 'progress';

export function CaseListPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [params, setParam] = useQueryParams();
  const procedure = params.get('procedure') ?? '';
  const orgUnit = params.get('orgUnit') ?? '';
  const health = HEALTH_LEVELS.find((h) => h === params.get('health'));
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? 'open';
  const sort = (params.get('sort') as Sort | null) ?? 'due';
  const order = (params.get('order') as 'asc' | 'desc' | null) ?? (sort === 'started' ? 'desc' : 'asc');
  const list = usePaged<CaseSummary>(async (pageToken) => {
    const page = await api.get<CasePage>(`/api/cases${qs({ procedure, orgUnit, health, q, status: status === 'all' ? '' : status, sort, order, pageSize: 50, pageToken })}`);
    return { items: page.items, next: page.nextPageToken, total: page.total };
  }, [procedure, orgUnit, health, q, status, sort, order]);
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
      <div className="filters">
        <SearchBox value={q} onSearch={(v) => setParam({ q: v })} />
        <select value={status} onChange={(e) => setParam({ status: e.target.value === 'open' ? '' : e.target.value })} aria-label={t('statusFilter')} data-testid="filter-status">
          <option value="open">{t('statusOpen')}</option>
          <option value="completed">{STATUS_LABEL.completed?.[lang]}</option>
          <option value="all">{t('statusAll')}</option>
        </select>
        <SortSelect<Sort>
          sort={sort}
          order={order}
          options={[
            ['due', t('sortDue')],
            ['started', t('sortStarted')],
            ['progress', t('sortProgress')],
          ]}
          onChange={(s, o) => setParam({ sort: s, order: o })}
        />
      </div>
      <ErrorBanner message={list.error} />
      {list.loading && !list.loaded ? <Loading /> : null}
      {list.loaded ? (
        <CaseTable
          items={list.items}
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
      <MoreButton shown={list.items.length} total={list.total} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.more()} />
      {bulk ? <BulkDialog caseIds={[...selected]} onClose={() => setBulk(false)} onDone={() => void list.reload()} /> : null}
    </div>
  );
}
