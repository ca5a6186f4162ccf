/** Bulk urge / escalate / extend / reassign: always a preview of every change before applying. */
import { useState } from 'react';
import { client, errorMessage } from '../lib/api.js';
import type { BulkChange, BulkOp, BulkRequest as BulkBody } from '../../../api/index.js';
import { HEALTH_LABEL, UNIT_LABEL } from '../lib/labels.js';
import { formatDateTime } from '../lib/format.js';
import { fill, useLang, useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { PeopleList } from '../inbox/people-picker.js';
import { Dialog, ErrorBanner, Field, Notice } from '../shell/ui.js';

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function BulkDialog({ caseIds, onClose, onDone }: { caseIds: string[]; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [op, setOp] = useState<BulkOp>('urge');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState(3);
  const [unit, setUnit] = useState<'calendarDays' | 'workingDays' | 'hours'>('workingDays');
  const [fromUserId, setFrom] = useState('');
  const [toUserId, setTo] = useState('');
  const [preview, setPreview] = useState<BulkChange[] | null>(null);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<string>();
  const [busy, setBusy] = useState(false);
  const body = (): BulkBody => ({
    op,
    caseIds,
    reason,
    ...(op === 'extend' ? { amount, unit } : {}),
    ...(op === 'reassign' ? { ...(fromUserId ? { fromUserId } : {}), toUserId } : {}),
  });
  // The change in words: a due time as a date, the extension in its unit, a light by its name.
  const changeText = (c: BulkChange): string => {
    if (op === 'extend') return `${formatDateTime(String(c.before), lang)} → +${amount} ${UNIT_LABEL[unit][lang]}`;
    if (op === 'escalate') return `${HEALTH_LABEL[c.before as 'green']?.[lang] ?? show(c.before)} → ${HEALTH_LABEL.red[lang]}`;
    if (op === 'reassign') return `${c.before || t('unclaimedPool')} → ${c.after}`;
    return `${show(c.before)} → ${show(c.after)}`;
  };
  // 改派: who holds the chosen cases' tasks now, and who may take every one of them (the server's rule per task).
  const people = useAsync(
    () => (op === 'reassign' ? client.bulkPeople({ caseIds, ...(fromUserId ? { fromUserId } : {}) }) : Promise.resolve(null)),
    [op, caseIds.join(','), fromUserId],
  );
  const run = async (path: 'preview' | 'apply') => {
    setBusy(true);
    setError(undefined);
    try {
      if (path === 'preview') {
        const res = await client.bulkPreview(body());
        setPreview(res.changes);
      } else {
        const res = await client.bulkApply(body());
        setResult(fill(t('bulkApplied'), { n: res.applied }) + (res.failed.length ? fill(t('bulkFailed'), { n: res.failed.length }) + res.failed.map((f) => f.message).join('; ') : ''));
        onDone();
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`${t('bulk')} · ${t('selected')} ${caseIds.length}`} onClose={onClose} testId="bulk-dialog">
      <ErrorBanner message={error} />
      <Notice message={result} />
      <div className="row wrap">
        <Field label={t('bulkOp')}>
          <select
            value={op}
            onChange={(e) => {
              setOp(e.target.value as BulkOp);
              setPreview(null);
            }}
            data-testid="bulk-op"
          >
            <option value="urge">{t('urge')}</option>
            <option value="escalate">{t('escalate')}</option>
            <option value="extend">{t('extend')}</option>
            <option value="reassign">{t('reassign')}</option>
          </select>
        </Field>
        {op === 'extend' ? (
          <>
            <Field label={t('amount')}>
              <input type="number" min={1} value={amount} onChange={(e) => setAmount(Number(e.target.value))} data-testid="bulk-amount" />
            </Field>
            <Field label={t('unit')}>
              <select value={unit} onChange={(e) => setUnit(e.target.value as typeof unit)}>
                {(['workingDays', 'calendarDays', 'hours'] as const).map((u) => (
                  <option key={u} value={u}>
                    {UNIT_LABEL[u][lang]}
                  </option>
                ))}
              </select>
            </Field>
          </>
        ) : null}
        {op === 'reassign' ? (
          <Field label={t('fromUser')}>
            <select
              value={fromUserId}
              onChange={(e) => {
                setFrom(e.target.value);
                setTo('');
                setPreview(null);
              }}
              data-testid="bulk-from"
            >
              <option value="">{t('anyHolder')}</option>
              {(people.data?.holders ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name} · {h.roleName} · {h.orgUnitName}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
      </div>
      {op === 'reassign' ? (
        people.error ? (
          <ErrorBanner message={people.error} />
        ) : people.data ? (
          <Field label={t('toUser')}>
            <small className="muted" data-testid="bulk-task-count">
              {fill(t('reassignTasks'), { n: people.data.tasks })}
            </small>
            <PeopleList
              people={people.data.items}
              value={toUserId}
              onChange={(id) => {
                setTo(id);
                setPreview(null);
              }}
              testId="bulk-to"
              emptyText={t('noCommonPeople')}
            />
          </Field>
        ) : (
          <small className="muted">{t('loading')}</small>
        )
      ) : null}
      <Field label={t('reason')}>
        <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="bulk-reason" />
      </Field>
      <div className="dialog-actions">
        <button type="button" className="btn" disabled={busy || !reason.trim() || (op === 'reassign' && !toUserId)} onClick={() => void run('preview')} data-testid="bulk-preview">
          {t('preview')}
        </button>
      </div>
      {preview ? (
        <>
          <table className="table" data-testid="bulk-preview-table">
            <thead>
              <tr>
                <th>{t('case')}</th>
                <th>→</th>
              </tr>
            </thead>
            <tbody>
              {preview.map((c) => (
                <tr key={`${c.caseId}-${c.taskId}`}>
                  <td>{c.title}</td>
                  <td>{changeText(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog-actions">
            <button type="button" className="btn btn-primary" disabled={busy || preview.length === 0 || !!result} onClick={() => void run('apply')} data-testid="bulk-apply">
              {t('apply')} ({preview.length})
            </button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
