/** 待办 / 已办 / 抄送 with filters by procedure, village and due time; sorted by due time. */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { client, qs } from '../lib/api.js';
import type { DefinitionSummary, InboxItem, OrgUnit } from '../../../api/index.js';
import { DUE_WINDOWS } from '../../../api/routes.js';
import { formatDateTime } from '../lib/format.js';
import { STATUS_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { DueBadge, Empty, ErrorBanner, Loading } from '../shell/ui.js';
import { NewCaseDialog } from './new-case-dialog.js';
import { byDue } from '../../../api/inbox-order.js';
import { lightOf } from '../lib/health.js';

const TABS = ['todo', 'done', 'cc'] as const;
type Tab = (typeof TABS)[number];

export function InboxPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [params, setParams] = useSearchParams();
  const tab = (TABS.includes(params.get('tab') as Tab) ? params.get('tab') : 'todo') as Tab;
  const procedure = params.get('procedure') ?? '';
  const orgUnit = params.get('orgUnit') ?? '';
  const due = DUE_WINDOWS.find((d) => d === params.get('due'));
  const [newCase, setNewCase] = useState(false);
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const { data, error, loading } = useAsync(() => client.inbox({ tab, procedure, orgUnit, due }), [tab, procedure, orgUnit, due]);
  const defs = useAsync(() => client.definitions().catch(() => [] as DefinitionSummary[]), []);
  const units = useAsync(() => client.orgUnits().catch(() => [] as OrgUnit[]), []);
  const items = useMemo(() => [...(data?.items ?? [])].sort(byDue), [data]);
  const tabLabel: Record<Tab, string> = { todo: t('todo'), done: t('done'), cc: t('cc') };
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
          <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'tab active' : 'tab'} onClick={() => setParam('tab', x === 'todo' ? '' : x)} data-testid={`tab-${x}`}>
            {tabLabel[x]}
            {x === 'todo' && tab === 'todo' && data ? <span className="count">{items.length}</span> : null}
          </button>
        ))}
      </div>
      <div className="filters">
        <select value={procedure} onChange={(e) => setParam('procedure', e.target.value)} data-testid="filter-procedure" aria-label={t('procedure')}>
          <option value="">{t('procedure')}：{t('dueAll')}</option>
          {(defs.data ?? []).filter((d) => d.latestVersion !== null).map((d) => (
            <option key={d.key} value={d.key}>
              {d.title}
            </option>
          ))}
        </select>
        <select value={orgUnit} onChange={(e) => setParam('orgUnit', e.target.value)} data-testid="filter-village" aria-label={t('village')}>
          <option value="">{t('village')}：{t('dueAll')}</option>
          {(units.data ?? [])
            .filter((u) => u.level === 'village' || u.level === 'township')
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
        <select value={due ?? ''} onChange={(e) => setParam('due', e.target.value)} data-testid="filter-due" aria-label={t('due')}>
          <option value="">{t('due')}：{t('dueAll')}</option>
          <option value="overdue">{t('dueOverdue')}</option>
          <option value="today">{t('dueToday')}</option>
          <option value="week">{t('dueWeek')}</option>
        </select>
      </div>
      <ErrorBanner message={error} />
      {loading && !data ? <Loading /> : null}
      {data && items.length === 0 ? <Empty /> : null}
      <ul className="inbox-list" data-testid="inbox-list">
        {items.map((i) => (
          <li key={`${i.caseId}/${i.taskId}`} className={`inbox-item health-${i.health}`} data-testid="inbox-item" data-case-id={i.caseId} data-task-id={i.taskId} data-node-id={i.nodeId}>
            <Link to={`/tasks/${encodeURIComponent(i.caseId)}/${encodeURIComponent(i.taskId)}`} className="inbox-link">
              <div className="inbox-main">
                <span className={`kind kind-${i.kind}`}>{i.kind === 'vote' ? '表决' : i.kind === 'publicity' ? '公示' : '任务'}</span>
                <strong>{i.nodeName}</strong>
                <span className="muted">{i.caseTitle}</span>
              </div>
              <div className="inbox-meta">
                <span>{i.procedureTitle ?? i.procedure}</span>
                <span>{i.orgUnitName ?? i.orgUnit}</span>
                <span>{STATUS_LABEL[i.status]?.[lang] ?? i.status}</span>
                <span>{formatDateTime(i.createdAt, lang)}</span>
                <DueBadge dueAt={i.dueAt} health={lightOf(i.health)} />
              </div>
            </Link>
          </li>
        ))}
      </ul>
      {newCase ? <NewCaseDialog onClose={() => setNewCase(false)} /> : null}
    </div>
  );
}
