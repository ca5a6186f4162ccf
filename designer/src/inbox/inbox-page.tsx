/**
 * 待办 / 已办 / 抄送 / 我发起的: filters by procedure, village and due time, title search, sort
 * and page by page — all answered by the read model, in the order the server gives.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryParams } from '../lib/use-query-params.js';
import { api, qs } from '../lib/api.js';
import type { DefinitionSummary, InboxItem, InboxPage, OrgUnit } from '../../../api/index.js';
import { formatDateTime } from '../lib/format.js';
import { STATUS_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { usePaged } from '../lib/use-paged.js';
import { DueBadge, Empty, ErrorBanner, Loading } from '../shell/ui.js';
import { NewCaseDialog } from './new-case-dialog.js';
import { MoreButton, SearchBox, SortSelect } from '../shell/list-controls.js';
import { lightOf } from '../lib/health.js';

const TABS = ['todo', 'done', 'cc', 'mine'] as const;
type Tab = (typeof TABS)[number];
type Sort = 'due' | 'created' | 'completed';
/** Each tab's own order, as the API defaults it. */
const DEFAULT_SORT: Record<Tab, [Sort, 'asc' | 'desc']> = { todo: ['due', 'asc'], done: ['completed', 'desc'], cc: ['created', 'desc'], mine: ['created', 'desc'] };

const PAGE_SIZE = 20;

export function InboxPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [params, setParam] = useQueryParams();
  const tab = (TABS.includes(params.get('tab') as Tab) ? params.get('tab') : 'todo') as Tab;
  const procedure = params.get('procedure') ?? '';
  const orgUnit = params.get('orgUnit') ?? '';
  const due = params.get('due') ?? '';
  const q = params.get('q') ?? '';
  const sort = (params.get('sort') as Sort | null) ?? DEFAULT_SORT[tab][0];
  const order = (params.get('order') as 'asc' | 'desc' | null) ?? DEFAULT_SORT[tab][1];
  const [newCase, setNewCase] = useState(false);
  const list = usePaged<InboxItem>(async (cursor) => {
    const page = await api.get<InboxPage>(`/api/inbox${qs({ tab, procedure, orgUnit, due, q, sort: params.get('sort'), order: params.get('order'), pageSize: PAGE_SIZE, cursor })}`);
    return { items: page.items, next: page.nextCursor, total: page.total };
  }, [tab, procedure, orgUnit, due, q, params.get('sort'), params.get('order')]);
  const defs = useAsync(() => api.get<DefinitionSummary[]>('/api/definitions').catch(() => [] as DefinitionSummary[]), []);
  const units = useAsync(() => api.get<OrgUnit[]>('/api/org/units').catch(() => [] as OrgUnit[]), []);
  const tabLabel: Record<Tab, string> = { todo: t('todo'), done: t('done'), cc: t('cc'), mine: t('mine') };
  const sortOptions: [Sort, string][] = [
    ['due', t('sortDue')],
    ['created', tab === 'mine' ? t('sortStarted') : t('sortCreated')],
    ...(tab === 'todo' || tab === 'cc' ? [] : ([['completed', tab === 'mine' ? t('closed') : t('sortCompleted')]] as [Sort, string][])),
  ];
  return (
    <div className="page" data-testid="inbox">
      <div className="page-head">
        <h1>{t('navInbox')}</h1>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setNewCase(true)} data-testid="new-case">
          + {t('newCase')}
        </button>
      </div>
      <div className="tabs big" role="tablist">
        {TABS.map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'tab active' : 'tab'} onClick={() => setParam({ tab: x === 'todo' ? '' : x, sort: '', order: '' })} data-testid={`tab-${x}`}>
            {tabLabel[x]}
            {x === tab && list.total !== null ? <span className="count" data-testid="tab-count">{list.total}</span> : null}
          </button>
        ))}
      </div>
      <div className="filters">
        <SearchBox value={q} onSearch={(v) => setParam({ q: v })} />
        <select value={procedure} onChange={(e) => setParam({ procedure: e.target.value })} data-testid="filter-procedure" aria-label={t('procedure')}>
          <option value="">{t('procedure')}{t('colon')}{t('dueAll')}</option>
          {(defs.data ?? []).filter((d) => d.latestVersion !== null).map((d) => (
            <option translate="no" key={d.key} value={d.key}>
              {d.title}
            </option>
          ))}
        </select>
        <select value={orgUnit} onChange={(e) => setParam({ orgUnit: e.target.value })} data-testid="filter-village" aria-label={t('village')}>
          <option value="">{t('village')}{t('colon')}{t('dueAll')}</option>
          {(units.data ?? [])
            .filter((u) => u.level === 'village' || u.level === 'township')
            .map((u) => (
              <option translate="no" key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
        {tab !== 'cc' ? (
          <select value={due} onChange={(e) => setParam({ due: e.target.value })} data-testid="filter-due" aria-label={t('due')}>
            <option value="">{t('due')}{t('colon')}{t('dueAll')}</option>
            <option value="overdue">{t('dueOverdue')}</option>
            <option value="today">{t('dueToday')}</option>
            <option value="week">{t('dueWeek')}</option>
          </select>
        ) : null}
        <SortSelect sort={sortOptions.some(([k]) => k === sort) ? sort : sortOptions[0]![0]} order={order} options={sortOptions} onChange={(s, o) => setParam({ sort: s, order: o })} />
      </div>
      <ErrorBanner message={list.error} />
      {list.loading && !list.loaded ? <Loading /> : null}
      {list.loaded && list.items.length === 0 ? <Empty /> : null}
      <ul className="inbox-list" data-testid="inbox-list">
        {list.items.map((i) => (
          <li key={`${i.caseId}/${i.taskId}`} className={`inbox-item health-${i.health}`} data-testid="inbox-item" data-case-id={i.caseId} data-task-id={i.taskId} data-node-id={i.nodeId} data-due={i.dueAt ?? ''}>
            <Link to={i.taskId && tab === 'todo' ? `/tasks/${encodeURIComponent(i.caseId)}/${encodeURIComponent(i.taskId)}` : `/cases/${encodeURIComponent(i.caseId)}`} className="inbox-link">
              <div className="inbox-main">
                <span className={`kind kind-${i.kind}`}>{i.kind === 'vote' ? '表决' : i.kind === 'publicity' ? '公示' : '任务'}</span>
                <strong>{i.nodeName || i.caseTitle}</strong>
                {i.nodeName ? <span className="muted">{i.caseTitle}</span> : null}
              </div>
              <div className="inbox-meta">
                <span>{i.procedureTitle ?? i.procedure}</span>
                <span>{i.orgUnitName ?? i.orgUnit}</span>
                <span>{STATUS_LABEL[tab === 'mine' ? (i.caseStatus ?? i.status) : i.status]?.[lang] ?? ''}</span>
                {tab === 'done' ? (
                  <span data-testid="done-at">
                    {t('doneAt')} {formatDateTime(i.completedAt, lang)}
                  </span>
                ) : (
                  <span>{formatDateTime(i.createdAt, lang)}</span>
                )}
                {tab === 'todo' || (tab === 'mine' && (i.caseStatus === 'running' || i.caseStatus === 'suspended')) ? <DueBadge dueAt={i.dueAt} health={lightOf(i.health)} /> : null}
              </div>
            </Link>
          </li>
        ))}
      </ul>
      <MoreButton shown={list.items.length} total={list.total} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.more()} />
      {newCase ? <NewCaseDialog onClose={() => setNewCase(false)} /> : null}
    </div>
  );
}
