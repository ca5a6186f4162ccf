/**
 * 外出委托 (out of office): while I am away, tasks that reach me go to a colleague I pick (same
 * unit, a casework role — the API's candidates), for whole days in Asia/Shanghai; optionally my open
 * tasks are handed over at once. Lists the rules I gave and those that make me stand in for others.
 */
import { useState } from 'react';
import type { DelegationRuleOut } from '../../../api/index.js';
import { client, errorMessage, fieldErrors } from '../lib/api.js';
import { formatDate } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { ErrorBanner, Field, Loading, Notice } from '../shell/ui.js';
import { PeopleList } from './people-picker.js';

/** YYYY-MM-DD of today + `days` in Asia/Shanghai. */
function shanghaiDay(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

function RuleList({ rules, mine, onRevoke, testId }: { rules: DelegationRuleOut[]; mine: boolean; onRevoke: (id: string) => void; testId: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (rules.length === 0) return <p className="muted">{t('empty')}</p>;
  return (
    <ul className="plain rule-list" data-testid={testId}>
      {rules.map((r) => (
        <li key={r.id} className="row wrap" data-testid="delegation-rule">
          <strong>
            {r.fromName} {t('arrowTo')} {r.toName}
          </strong>
          {/* endsAt is the start of the day after the last one */}
          <span>
            {formatDate(r.startsAt, lang)} — {formatDate(new Date(Date.parse(r.endsAt) - 1).toISOString(), lang)}
          </span>
          <span className="muted">{r.procedureTitle ?? t('allProcedures')}</span>
          {r.reason ? <span className="muted">{r.reason}</span> : null}
          {mine ? (
            <button type="button" className="btn-text" onClick={() => onRevoke(r.id)} data-testid="delegation-revoke">
              {t('revoke')}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function DelegationsPage() {
  const t = useT();
  const rules = useAsync(() => client.delegations(), []);
  const people = useAsync(() => client.delegateCandidates(), []);
  const [toUserId, setTo] = useState('');
  const [startsOn, setStarts] = useState(shanghaiDay());
  const [endsOn, setEnds] = useState(shanghaiDay(6));
  const [reason, setReason] = useState('');
  const [handOver, setHandOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string>();

  const save = async () => {
    setBusy(true);
    setError(undefined);
    setErrs({});
    try {
      const res = await client.createDelegation({ toUserId, startsOn, endsOn, handOverOpenTasks: handOver, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setNotice(handOver ? `${t('delegationSaved')} · ${t('handedOverCount')} ${res.handedOver} ${t('pieces')}${res.skipped ? `${t('skippedCount')} ${res.skipped} ${t('pieces')}` : ''}` : t('delegationSaved'));
      setTo('');
      setReason('');
      await rules.reload();
    } catch (err) {
      setError(errorMessage(err));
      setErrs(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: string) => {
    setError(undefined);
    try {
      await client.revokeDelegation(id);
      await rules.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="page delegations-page" data-testid="delegations-page">
      <div className="page-head">
        <h1>{t('delegations')}</h1>
      </div>
      <ErrorBanner message={error ?? rules.error ?? people.error} onClose={() => setError(undefined)} />
      <Notice message={notice} />
      <div className="two-col">
        <section className="panel">
          <h3>{t('delegationNew')}</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Field label={t('standIn')} error={errs.toUserId}>
              {people.data ? <PeopleList people={people.data.items} value={toUserId} onChange={setTo} testId="stand-in" emptyText={t('noMatch')} /> : <Loading />}
            </Field>
            <div className="row wrap">
              <Field label={t('startsOn')} error={errs.startsOn}>
                <input type="date" value={startsOn} onChange={(e) => setStarts(e.target.value)} required data-testid="delegation-starts" />
              </Field>
              <Field label={t('endsOn')} error={errs.endsOn}>
                <input type="date" value={endsOn} onChange={(e) => setEnds(e.target.value)} required data-testid="delegation-ends" />
              </Field>
            </div>
            <Field label={t('reason')} error={errs.reason}>
              <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="delegation-reason" />
            </Field>
            <label className="row">
              <input type="checkbox" checked={handOver} onChange={(e) => setHandOver(e.target.checked)} data-testid="delegation-hand-over" />
              {t('handOverOpen')}
            </label>
            <div className="dialog-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !toUserId} data-testid="delegation-save">
                {t('submit')}
              </button>
            </div>
          </form>
        </section>
        <aside className="panel">
          <h3>{t('delegationsGiven')}</h3>
          {rules.data ? <RuleList rules={rules.data.given} mine onRevoke={(id) => void revoke(id)} testId="delegations-given" /> : <Loading />}
          <h3>{t('delegationsReceived')}</h3>
          {rules.data ? <RuleList rules={rules.data.received} mine={false} onRevoke={() => undefined} testId="delegations-received" /> : null}
        </aside>
      </div>
    </div>
  );
}
