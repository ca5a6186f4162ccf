/**
 * The 动态管理 electronic board: villages × procedures as green/yellow/red lights with counts,
 * overdue and stuck lists, charts, and bulk actions with a preview.
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, qs } from '../lib/api.js';
import type { Board, CasePage, CaseSummary, Charts } from '../../../api/index.js';
import { boardGrid } from './monitor-board-grid.js';
import { useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { usePaged } from '../lib/use-paged.js';
import { CaseTable } from '../case/case-table.js';
import { BulkDialog } from './bulk-dialog.js';
import { MoreButton } from '../shell/list-controls.js';
import { ErrorBanner, Light, Loading } from '../shell/ui.js';
import { CadencePanel, LapsesPanel, VillageLightsPanel } from './village-panels.js';

const GREEN = '#2e9e5b';
const RED = '#d64545';

export function MonitorPage() {
  const t = useT();
  const board = useAsync(() => api.get<Board>('/api/monitor/board'), []);
  const overdue = usePaged<CaseSummary>(async (pageToken) => {
    const page = await api.get<CasePage>(`/api/monitor/overdue${qs({ pageSize: 20, pageToken })}`);
    return { items: page.items, next: page.nextPageToken, total: page.total };
  }, []);
  const stuck = useAsync(() => api.get<{ items: CaseSummary[] }>(`/api/monitor/stuck${qs({ days: 7 })}`), []);
  const charts = useAsync(() => api.get<Charts>('/api/monitor/charts'), []);
  const grid = useMemo(() => boardGrid(board.data?.cells ?? [], board.data?.units ?? []), [board.data]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState(false);
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  const reloadAll = () => {
    void board.reload();
    void overdue.reload();
    void stuck.reload();
  };

  return (
    <div className="page monitor" data-testid="monitor">
      <div className="page-head">
        <h1>{t('board')}</h1>
        {board.data ? (
          <div className="totals" data-testid="board-totals">
            <Light health="green" count={board.data.totals.green} />
            <Light health="yellow" count={board.data.totals.yellow} />
            <Light health="red" count={board.data.totals.red} testId="total-red" />
          </div>
        ) : null}
        <span className="spacer" />
        <Link to="/cases" className="btn">
          {t('cases')}
        </Link>
      </div>
      <ErrorBanner message={board.error} />
      {board.loading && !board.data ? <Loading /> : null}
      {board.data ? (
        <div className="board-wrap" data-testid="board-wrap">
          <table className="board" data-testid="board">
            <thead>
              <tr>
                <th className="board-corner">{t('township')} › {t('village')}</th>
                {grid.procedures.map(([k, title]) => (
                  <th key={k} data-testid={`board-col-${k}`} translate="no">{title}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((row) => (
                <tr key={row.id} className={`board-row board-depth-${row.depth} board-level-${row.level}`} data-testid={`board-row-${row.id}`} data-depth={row.depth}>
                  <th className="board-unit" style={{ paddingLeft: 8 + row.depth * 18 }} translate="no">
                    {row.name}
                  </th>
                  {grid.procedures.map(([p]) => {
                    const c = grid.cell(row.id, p);
                    const v = row.id;
                    return (
                      <td key={p} data-testid={`cell-${v}-${p}`}>
                        {c ? (
                          <div className="cell-lights">
                            {(['green', 'yellow', 'red'] as const).map((h) =>
                              c[h] > 0 ? (
                                <Link key={h} to={`/cases${qs({ orgUnit: v, procedure: p, health: h })}`} data-testid={`cell-${v}-${p}-${h}`}>
                                  <Light health={h} count={c[h]} />
                                </Link>
                              ) : null,
                            )}
                          </div>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <VillageLightsPanel />
      <CadencePanel />

      <div className="page-head">
        <h2>{t('overdueList')}</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" disabled={selected.size === 0} onClick={() => setBulk(true)} data-testid="bulk-open">
          {t('bulk')} ({selected.size})
        </button>
      </div>
      <ErrorBanner message={overdue.error} />
      {overdue.loaded ? <CaseTable items={overdue.items} selected={selected} onToggle={toggle} testId="overdue-table" /> : null}
      <MoreButton shown={overdue.items.length} total={overdue.total} hasMore={overdue.hasMore} loading={overdue.loading} onMore={() => void overdue.more()} />

      <h2>{t('stuckList')}</h2>
      <ErrorBanner message={stuck.error} />
      {stuck.data ? <CaseTable items={stuck.data.items} selected={selected} onToggle={toggle} testId="stuck-table" showReason /> : null}

      <h2>{t('charts')}</h2>
      <ErrorBanner message={charts.error} />
      {charts.data ? (
        <div className="charts" data-testid="charts">
          <div className="chart">
            <h3>{t('byStage')}</h3>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={charts.data.byStage}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="stage" fontSize={12} />
                <YAxis allowDecimals={false} fontSize={12} />
                <Tooltip />
                <Bar dataKey="count" fill={GREEN} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="chart">
            <h3>{t('timePerNode')}</h3>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={charts.data.timePerNode.slice(0, 15)} layout="vertical" margin={{ left: 40 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" fontSize={12} />
                <YAxis type="category" dataKey="nodeName" width={100} fontSize={12} />
                <Tooltip />
                <Bar dataKey="avgHours" fill="#d9a21b" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="chart">
            <h3>{t('overdueTrend')}</h3>
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={charts.data.overdueTrend}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="date" fontSize={12} />
                <YAxis allowDecimals={false} fontSize={12} />
                <Tooltip />
                <Line type="monotone" dataKey="count" stroke={RED} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </div>
      ) : null}
      <LapsesPanel />
      {bulk ? <BulkDialog caseIds={[...selected]} onClose={() => setBulk(false)} onDone={reloadAll} /> : null}
    </div>
  );
}
