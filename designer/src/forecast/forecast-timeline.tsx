/**
 * 预计时间线: the steps a case would take from a start instant, each with its owner role, its
 * statutory period and the latest day it may finish (business calendar, holidays named), computed
 * in the browser by workflows/rules/forecast.ts (loaded on demand with the holiday data). Shown by
 * the designer's 流程预测 for a draft and by the start-case dialog for a real case.
 */
import { useEffect, useState } from 'react';
import type { Definition, DurationUnit } from '../../../dsl/schema.js';
import type { Forecast, ForecastInput } from '../../../workflows/rules/forecast.js';
import { formatDate, formatDateTime, type Lang } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { NODE_KIND_LABEL, OUTCOME_LABEL, PROVENANCE_LABEL, UNIT_LABEL } from '../lib/labels.js';

/** Kinds a clerk waits on: the rows of the timeline (gateways and automated steps pass at once). */
const SHOWN = new Set(['task', 'vote', 'publicity', 'timer', 'subprocess']);
const HOURLY: DurationUnit[] = ['minutes', 'hours'];
const WEEKDAY: Record<Lang, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', weekday: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', weekday: 'short' }),
};

/** Runs the forecast (its module loaded on demand) whenever the definition or the input changes. */
export function useForecast(def: Definition | undefined, input: ForecastInput | undefined): { forecast?: Forecast; error?: string } {
  const [state, setState] = useState<{ forecast?: Forecast; error?: string }>({});
  const key = JSON.stringify(input ?? null);
  useEffect(() => {
    if (!def || !input) return setState({});
    let stale = false;
    void import('../../../workflows/rules/forecast.js')
      .then(({ forecastCase }) => {
        if (!stale) setState({ forecast: forecastCase(def, input) });
      })
      .catch((err: unknown) => {
        if (!stale) setState({ error: err instanceof Error ? err.message : String(err) });
      });
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [def, key]);
  return state;
}

export function outcomeLabel(def: Definition, nodeId: string, outcome: string, lang: Lang): string {
  const node = def.nodes.find((n) => n.id === nodeId);
  if (node?.kind === 'task') return node.actions.find((a) => a.name === outcome)?.label ?? outcome;
  return OUTCOME_LABEL[outcome]?.[lang] ?? outcome;
}

export function ForecastTimeline({
  def,
  forecast,
  onOutcome,
  testId = 'forecast-timeline',
}: {
  def: Definition;
  forecast: Forecast | undefined;
  /** Lets the reader choose another outcome for a step (the designer); read-only otherwise. */
  onOutcome?: (nodeId: string, outcome: string) => void;
  testId?: string;
}) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (!forecast) return <p className="muted">{t('forecastLoading')}</p>;
  const roleName = (key?: string) => (key ? (def.roles.find((r) => r.key === key)?.name ?? key) : t('noRole'));
  const day = (iso: string, unit?: DurationUnit) => `${unit && HOURLY.includes(unit) ? formatDateTime(iso, lang) : formatDate(new Date(Date.parse(iso) - 1).toISOString(), lang)} ${WEEKDAY[lang].format(new Date(Date.parse(iso) - 1))}`;
  const start = forecast.steps[0];
  const rows = forecast.steps.filter((s) => SHOWN.has(s.kind));
  // Calendar warnings (a year without its published holiday arrangement) once under the table, not on every row.
  const warnings = [...new Set([...forecast.warnings, ...rows.flatMap((s) => s.due?.warnings ?? [])])];
  return (
    <div className="forecast" data-testid={testId}>
      <table className="table forecast-table">
        <thead>
          <tr>
            <th>{t('forecastStep')}</th>
            <th>{t('forecastRole')}</th>
            <th>{t('forecastOpens')}</th>
            <th>{t('forecastPeriod')}</th>
            <th>{t('forecastDue')}</th>
            <th>{t('forecastNotes')}</th>
            <th>{t('forecastOutcome')}</th>
          </tr>
        </thead>
        <tbody>
          {start ? (
            <tr className="forecast-edge-row">
              <td>{t('forecastCaseStart')}</td>
              <td />
              <td>{formatDateTime(start.openedAt, lang)}</td>
              <td colSpan={4} />
            </tr>
          ) : null}
          {rows.map((s, i) => (
            <tr key={`${s.nodeId}-${i}`} data-testid={`forecast-step-${s.nodeId}`} className={s.branch ? 'forecast-branch' : ''}>
              <td>
                <span className="outline-kind">{NODE_KIND_LABEL[s.kind][lang]}</span> {s.name}
              </td>
              <td>{s.kind === 'timer' ? t('timerStep') : s.role ? roleName(s.role) : s.kind === 'subprocess' ? t('noRole') : t('anyoneRole')}</td>
              <td>{formatDateTime(s.openedAt, lang)}</td>
              <td>
                {s.due ? (
                  <>
                    {s.due.amount} {UNIT_LABEL[s.due.unit][lang]} {s.due.provenance ? <span className={`prov prov-${s.due.provenance}`}>{PROVENANCE_LABEL[s.due.provenance][lang]}</span> : null}
                  </>
                ) : null}
              </td>
              <td data-testid={`forecast-due-${s.nodeId}`} data-last-day={s.due?.lastDay}>
                {s.due ? day(s.due.dueAt, s.due.unit) : s.kind === 'timer' ? day(s.endsAt) : ''}
              </td>
              <td className="forecast-notes">
                {s.due?.anchored ? (
                  <span>
                    {t('forecastCountsFrom')}
                    {s.due.anchor}
                  </span>
                ) : null}
                {s.due?.holidays.length ? (
                  <span className="forecast-holiday" data-testid={`forecast-holidays-${s.nodeId}`}>
                    {t('forecastOverHolidays')}
                    {s.due.holidays.join('、')}
                  </span>
                ) : null}
                {s.due?.capped ? <span>{t('forecastCapped')}</span> : null}
                {s.opaque ? <span>{t('forecastOpaque')}</span> : null}
              </td>
              <td>
                {s.outcomes.length > 1 && onOutcome ? (
                  <select value={s.outcome} onChange={(e) => onOutcome(s.nodeId, e.target.value)} data-testid={`forecast-outcome-${s.nodeId}`} aria-label={t('forecastOutcome')}>
                    {s.outcomes.map((o) => (
                      <option translate="no" key={o} value={o}>
                        {outcomeLabel(def, s.nodeId, o, lang)}
                      </option>
                    ))}
                  </select>
                ) : s.outcome ? (
                  outcomeLabel(def, s.nodeId, s.outcome, lang)
                ) : null}
              </td>
            </tr>
          ))}
          <tr className="forecast-edge-row" data-testid="forecast-end">
            <td>{t('forecastCaseEnd')}</td>
            <td colSpan={3}>{forecast.end ? (OUTCOME_LABEL[forecast.end.outcome] ? `${forecast.end.name}（${OUTCOME_LABEL[forecast.end.outcome]![lang]}）` : forecast.end.name) : t('forecastNoEnd')}</td>
            <td>{forecast.end ? day(forecast.end.at) : ''}</td>
            <td colSpan={2} />
          </tr>
        </tbody>
      </table>
      {warnings.length ? (
        <ul className="plain muted forecast-warnings" data-testid="forecast-warnings">
          {warnings.map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
