/**
 * 统计报表: over a period (Asia/Shanghai days), per village and procedure the cases opened, closed
 * and the share that ran over a deadline; per step and per handler the median and P90 time to
 * complete. Exported as CSV (one table) or Excel (all three) by the server.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, qs } from '../lib/api.js';
import type { DefinitionSummary, OrgUnit, Report, ReportTimeRow } from '../../../api/index.js';
import { useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { Empty, ErrorBanner, Loading } from '../shell/ui.js';

/** yyyy-mm-dd of today in Asia/Shanghai, shifted by `days`. */
function shanghaiDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const num = (h: number | null) => (h === null ? '—' : h.toFixed(1));

export function ReportPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? shanghaiDay(-29);
  const to = params.get('to') ?? shanghaiDay();
  const procedure = params.get('procedure') ?? '';
  const orgUnit = params.get('orgUnit') ?? '';
  const [draft, setDraft] = useState({ from, to, procedure, orgUnit });
  const query = { from, to, procedure, orgUnit };
  const report = useAsync(() => api.get<Report>(`/api/reports/cases${qs(query)}`), [from, to, procedure, orgUnit]);
  const defs = useAsync(() => api.get<DefinitionSummary[]>('/api/definitions').catch(() => [] as DefinitionSummary[]), []);
  const units = useAsync(() => api.get<OrgUnit[]>('/api/org/units').catch(() => [] as OrgUnit[]), []);
  const exportUrl = (format: 'csv' | 'xlsx', section?: string) => `/api/reports/cases/export${qs({ ...query, format, section })}`;
  const r = report.data;
  return (
    <div className="page" data-testid="report-page">
      <div className="page-head">
        <h1>{t('reports')}</h1>
        <span className="spacer" />
        <div className="report-actions">
          <a className="btn btn-primary" href={exportUrl('xlsx')} download data-testid="export-xlsx">
            {t('exportXlsx')}
          </a>
        </div>
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams();
          for (const [k, v] of Object.entries(draft)) if (v) next.set(k, v);
          setParams(next, { replace: true });
        }}
      >
        <label>
          {t('periodFrom')} <input type="date" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="report-from" />
        </label>
        <label>
          {t('periodTo')} <input type="date" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="report-to" />
        </label>
        <select value={draft.procedure} onChange={(e) => setDraft({ ...draft, procedure: e.target.value })} aria-label={t('procedure')} data-testid="report-procedure">
          <option value="">{t('procedure')}{t('colon')}{t('dueAll')}</option>
          {(defs.data ?? []).map((d) => (
            <option translate="no" key={d.key} value={d.key}>
              {d.title}
            </option>
          ))}
        </select>
        <select value={draft.orgUnit} onChange={(e) => setDraft({ ...draft, orgUnit: e.target.value })} aria-label={t('orgUnit')} data-testid="report-unit">
          <option value="">{t('orgUnit')}{t('colon')}{t('dueAll')}</option>
          {(units.data ?? [])
            .filter((u) => u.level === 'township' || u.level === 'village')
            .map((u) => (
              <option translate="no" key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
        <button type="submit" className="btn" data-testid="report-query">
          {t('query')}
        </button>
      </form>
      <ErrorBanner message={report.error} />
      {report.loading && !r ? <Loading /> : null}
      {r ? (
        <>
          <ReportSection
            title={t('reportUnits')}
            csvUrl={exportUrl('csv', 'units')}
            testId="units"
            rows={r.units}
            rowKey={(u) => `${u.village}|${u.procedure}`}
            rowTestId="report-unit-row"
            columns={[
              { label: t('township'), cell: (u) => u.townshipName ?? '—' },
              { label: t('village'), cell: (u) => u.villageName },
              { label: t('procedure'), cell: (u) => u.procedureTitle },
              { label: t('opened'), num: true, cell: (u) => u.opened },
              { label: t('closed'), num: true, cell: (u) => u.closed },
              { label: t('overdueCount'), num: true, cell: (u) => u.overdue },
              { label: t('overdueRate'), num: true, cell: (u) => pct(u.overdueRate) },
            ]}
          />
          <ReportSection
            title={t('reportSteps')}
            csvUrl={exportUrl('csv', 'steps')}
            testId="steps"
            rows={r.steps}
            rowKey={(s) => `${s.procedure}|${s.nodeId}`}
            columns={[
              { label: t('procedure'), cell: (s) => s.procedureTitle },
              { label: t('step'), cell: (s) => s.nodeName },
              ...timeColumns<Report['steps'][number]>(t),
            ]}
          />
          <ReportSection
            title={t('reportHandlers')}
            csvUrl={exportUrl('csv', 'handlers')}
            testId="handlers"
            rows={r.handlers}
            rowKey={(h) => h.userId}
            columns={[{ label: t('handler'), cell: (h) => h.userName }, ...timeColumns<Report['handlers'][number]>(t)]}
          />
        </>
      ) : null}
    </div>
  );
}

interface Column<R> {
  label: string;
  num?: boolean;
  cell: (row: R) => string | number;
}

/** Done, median, P90 and overdue: the columns of the step and handler tables. */
function timeColumns<R extends ReportTimeRow>(t: ReturnType<typeof useT>): Column<R>[] {
  return [
    { label: t('doneCount'), num: true, cell: (x) => x.done },
    { label: t('medianHours'), num: true, cell: (x) => num(x.medianHours) },
    { label: t('p90Hours'), num: true, cell: (x) => num(x.p90Hours) },
    { label: t('overdueCount'), num: true, cell: (x) => x.overdue },
  ];
}

function ReportSection<R>({ title, csvUrl, testId, rows, rowKey, rowTestId, columns }: { title: string; csvUrl: string; testId: string; rows: R[]; rowKey: (r: R) => string; rowTestId?: string; columns: Column<R>[] }) {
  const t = useT();
  return (
    <section className="report-section">
      <div className="page-head">
        <h2>{title}</h2>
        <span className="spacer" />
        <a className="btn" href={csvUrl} download data-testid={`export-csv-${testId}`}>
          {t('exportCsv')}
        </a>
      </div>
      {rows.length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table report-table" data-testid={`report-${testId}`}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} className={c.num ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={rowKey(r)} data-testid={rowTestId}>
                  {columns.map((c) => (
                    <td key={c.label} className={c.num ? 'num' : undefined}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
