/**
 * 统计报表: over a period (Asia/Shanghai days), per village and procedure the cases opened, closed
 * and the share that ran over a deadline; per step and per handler the median and P90 time to
 * complete. Exported as CSV (one table) or Excel (all three) by the server.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, qs } from '../lib/api.js';
import type { DefinitionSummary, OrgUnit, Report } from '../lib/api-types.js';
import { useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { Empty, ErrorBanner, Loading } from '../components/ui.js';

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
          <option value="">{t('procedure')}：{t('dueAll')}</option>
          {(defs.data ?? []).map((d) => (
            <option key={d.key} value={d.key}>
              {d.title}
            </option>
          ))}
        </select>
        <select value={draft.orgUnit} onChange={(e) => setDraft({ ...draft, orgUnit: e.target.value })} aria-label={t('orgUnit')} data-testid="report-unit">
          <option value="">{t('orgUnit')}：{t('dueAll')}</option>
          {(units.data ?? [])
            .filter((u) => u.level === 'township' || u.level === 'village')
            .map((u) => (
              <option key={u.id} value={u.id}>
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
          <section className="report-section">
            <div className="page-head">
              <h2>{t('reportUnits')}</h2>
              <span className="spacer" />
              <a className="btn" href={exportUrl('csv', 'units')} download data-testid="export-csv-units">
                {t('exportCsv')}
              </a>
            </div>
            {r.units.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-wrap">
                <table className="table report-table" data-testid="report-units">
                  <thead>
                    <tr>
                      <th>{t('township')}</th>
                      <th>{t('village')}</th>
                      <th>{t('procedure')}</th>
                      <th className="num">{t('opened')}</th>
                      <th className="num">{t('closed')}</th>
                      <th className="num">{t('overdueCount')}</th>
                      <th className="num">{t('overdueRate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.units.map((u) => (
                      <tr key={`${u.village}|${u.procedure}`} data-testid="report-unit-row">
                        <td>{u.townshipName ?? '—'}</td>
                        <td>{u.villageName}</td>
                        <td>{u.procedureTitle}</td>
                        <td className="num">{u.opened}</td>
                        <td className="num">{u.closed}</td>
                        <td className="num">{u.overdue}</td>
                        <td className="num">{pct(u.overdueRate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="report-section">
            <div className="page-head">
              <h2>{t('reportSteps')}</h2>
              <span className="spacer" />
              <a className="btn" href={exportUrl('csv', 'steps')} download data-testid="export-csv-steps">
                {t('exportCsv')}
              </a>
            </div>
            {r.steps.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-wrap">
                <table className="table report-table" data-testid="report-steps">
                  <thead>
                    <tr>
                      <th>{t('procedure')}</th>
                      <th>{t('step')}</th>
                      <th className="num">{t('doneCount')}</th>
                      <th className="num">{t('medianHours')}</th>
                      <th className="num">{t('p90Hours')}</th>
                      <th className="num">{t('overdueCount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.steps.map((s) => (
                      <tr key={`${s.procedure}|${s.nodeId}`}>
                        <td>{s.procedureTitle}</td>
                        <td>{s.nodeName}</td>
                        <td className="num">{s.done}</td>
                        <td className="num">{num(s.medianHours)}</td>
                        <td className="num">{num(s.p90Hours)}</td>
                        <td className="num">{s.overdue}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="report-section">
            <div className="page-head">
              <h2>{t('reportHandlers')}</h2>
              <span className="spacer" />
              <a className="btn" href={exportUrl('csv', 'handlers')} download data-testid="export-csv-handlers">
                {t('exportCsv')}
              </a>
            </div>
            {r.handlers.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-wrap">
                <table className="table report-table" data-testid="report-handlers">
                  <thead>
                    <tr>
                      <th>{t('handler')}</th>
                      <th className="num">{t('doneCount')}</th>
                      <th className="num">{t('medianHours')}</th>
                      <th className="num">{t('p90Hours')}</th>
                      <th className="num">{t('overdueCount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.handlers.map((h) => (
                      <tr key={h.userId}>
                        <td>{h.userName}</td>
                        <td className="num">{h.done}</td>
                        <td className="num">{num(h.medianHours)}</td>
                        <td className="num">{num(h.p90Hours)}</td>
                        <td className="num">{h.overdue}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
