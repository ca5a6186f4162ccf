/** A list of cases with their lights; optionally selectable for bulk actions. */
import { Link } from 'react-router';
import type { CaseSummary, StuckCase } from '../../../api/index.js';
import { lightOf } from '../lib/health.js';
import { formatDateTime } from '../lib/format.js';
import { STATUS_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { DueBadge, Empty, Light } from '../shell/ui.js';

export function CaseTable({ items, selected, onToggle, testId, showReason }: { items: (CaseSummary | StuckCase)[]; selected?: Set<string>; onToggle?: (id: string, on: boolean) => void; testId?: string; showReason?: boolean }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (items.length === 0) return <Empty />;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {onToggle ? (
              <th>
                <input type="checkbox" aria-label={t('selectAll')} checked={items.every((i) => selected?.has(i.caseId))} onChange={(e) => items.forEach((i) => onToggle(i.caseId, e.target.checked))} />
              </th>
            ) : null}
            <th>{t('health')}</th>
            <th>{t('title')}</th>
            <th>{t('procedure')}</th>
            <th>{t('village')}</th>
            <th>{t('stage')}</th>
            <th>{t('status')}</th>
            <th>{t('dueAt')}</th>
            {showReason ? <th>{t('reason')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.caseId} data-testid="case-row" data-case-id={c.caseId} data-health={c.health}>
              {onToggle ? (
                <td>
                  <input type="checkbox" checked={selected?.has(c.caseId) ?? false} onChange={(e) => onToggle(c.caseId, e.target.checked)} data-testid={`select-${c.caseId}`} aria-label={c.title} translate="no" />
                </td>
              ) : null}
              <td>
                <Light health={lightOf(c.health)} />
              </td>
              <td>
                <Link to={`/cases/${encodeURIComponent(c.caseId)}`} data-testid="case-row-link">
                  {c.title}
                </Link>
              </td>
              <td>
                {c.procedureTitle ?? c.procedure} {c.version !== null ? <span className="muted">v{c.version}</span> : null}
              </td>
              <td>{c.orgUnitName ?? c.orgUnit}</td>
              <td>{c.stage}</td>
              <td>{STATUS_LABEL[c.status]?.[lang] ?? c.status}</td>
              <td title={formatDateTime(c.nextDueAt, lang)}>
                <DueBadge dueAt={c.nextDueAt} health={lightOf(c.health)} />
              </td>
              {showReason ? <td>{'reason' in c ? c.reason : ''}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
