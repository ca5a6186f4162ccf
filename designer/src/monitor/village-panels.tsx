/**
 * The monitor's village-level panels (issue 17): the villages' warning lights (动态管理, apart from
 * the cases' deadline lights), the statutory cadences (one schedule per village: status, next
 * start, pause/resume/start now), and the 迟报/漏报/瞒报 counts per person this year.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../lib/api.js';
import type { Cadence } from '../../../api/index.js';
import type { Health } from '../../../workflows/types.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import { useLang, useT, type MsgKey } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { ErrorBanner, Light } from '../shell/ui.js';

type Level = Health;

const STATUS_LIGHT: Record<Cadence['status'], Level> = { missed: 'red', due: 'yellow', paused: 'yellow', done: 'green', waiting: 'green' };

export function VillageLightsPanel() {
  const t = useT();
  const lights = useAsync(() => client.villageLights(), []);
  return (
    <section data-testid="village-lights">
      <h2>{t('villageLights')}</h2>
      <p className="muted">{t('villageLightsHint')}</p>
      <ErrorBanner message={lights.error} />
      {lights.data ? (
        <div className="cell-lights">
          {lights.data.items.map((v) => (
            <div key={v.village} className="village-light" data-testid={`village-light-${v.village}`} data-level={v.level}>
              <Light health={v.level} />
              <strong>{v.villageName}</strong>
              {v.warnings.map((w) => (
                <Link key={w.caseId} to={`/cases/${encodeURIComponent(w.caseId)}`} className="muted">
                  {w.title}：{w.reason}
                </Link>
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}

export function CadencePanel() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const list = useAsync(() => client.cadences(), []);
  const [error, setError] = useState<string>();
  const act = async (c: Cadence, op: 'pause' | 'resume' | 'trigger') => {
    setError(undefined);
    let body: { reason: string } | undefined;
    if (op !== 'trigger') {
      const reason = window.prompt(t('reasonPrompt'));
      if (!reason?.trim()) return;
      body = { reason };
    }
    try {
      if (op === 'trigger') await client.triggerCadence(c.scheduleId);
      else await client[op === 'pause' ? 'pauseCadence' : 'resumeCadence'](c.scheduleId, body ?? { reason: '' });
      await list.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section data-testid="cadences">
      <h2>{t('cadences')}</h2>
      <p className="muted">{t('cadenceHint')}</p>
      <ErrorBanner message={list.error ?? error} />
      {list.data ? (
        <div className="table-wrap">
          <table className="table" data-testid="cadence-table">
            <thead>
              <tr>
                <th>{t('village')}</th>
                <th>{t('cadenceName')}</th>
                <th>{t('cadenceState')}</th>
                <th>{t('dueBy')}</th>
                <th>{t('nextRun')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.scheduleId} data-testid={`cadence-${c.scheduleId}`} data-status={c.status}>
                  <td>{c.villageName}</td>
                  <td title={c.statute} translate="no">{c.cadenceName}</td>
                  <td>
                    <Light health={STATUS_LIGHT[c.status]} /> {t(`cadence_${c.status}` as MsgKey)}
                    {c.caseId && (c.status === 'missed' || c.status === 'due') ? (
                      <>
                        {' '}
                        <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{t('viewCase')}</Link>
                      </>
                    ) : null}
                  </td>
                  <td>{formatDateTime(c.dueAt, lang)}</td>
                  <td>{c.paused ? '—' : formatDate(c.nextRunAt, lang)}</td>
                  <td className="row">
                    {c.paused ? (
                      <button type="button" className="btn btn-small" onClick={() => void act(c, 'resume')} data-testid={`resume-${c.scheduleId}`}>
                        {t('resumeCadence')}
                      </button>
                    ) : (
                      <button type="button" className="btn btn-small" onClick={() => void act(c, 'pause')} data-testid={`pause-${c.scheduleId}`}>
                        {t('pauseCadence')}
                      </button>
                    )}
                    <button type="button" className="btn btn-small" onClick={() => void act(c, 'trigger')} data-testid={`trigger-${c.scheduleId}`}>
                      {t('startNow')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function LapsesPanel() {
  const t = useT();
  const lapses = useAsync(() => client.reportingLapses(), []);
  return (
    <section data-testid="lapses">
      <h2>
        {t('lapses')}
        {lapses.data ? ` · ${lapses.data.year}` : ''}
      </h2>
      <ErrorBanner message={lapses.error} />
      {lapses.data && lapses.data.items.length === 0 ? <p className="muted">{t('noLapses')}</p> : null}
      {lapses.data && lapses.data.items.length > 0 ? (
        <table className="table" data-testid="lapse-table">
          <thead>
            <tr>
              <th>{t('person')}</th>
              <th>{t('lapseLate')}</th>
              <th>{t('lapseOmitted')}</th>
              <th>{t('lapseConcealed')}</th>
              <th>{t('lapseTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {lapses.data.items.map((l) => (
              <tr key={l.person}>
                <td>{l.personName}</td>
                <td>{l.late}</td>
                <td>{l.omitted}</td>
                <td>{l.concealed}</td>
                <td>
                  <strong>{l.total}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
