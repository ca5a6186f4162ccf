/**
 * Supervisor actions on one case: 催办, 督办, 延期 (amount + unit + reason), 中止, 恢复, 终止, and
 * 恢复自动流转 of a case that stopped itself on a safety limit (optionally on the latest version).
 */
import { useState } from 'react';
import { client, errorMessage, fieldErrors } from '../lib/api.js';
import type { TaskRecord } from '../../../workflows/types.js';
import { UNIT_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { Dialog, ErrorBanner, Field } from '../shell/ui.js';

export type CaseAction = 'urge' | 'escalate' | 'extend' | 'suspend' | 'resume' | 'terminate' | 'resolve-incident';

export function CaseActionDialog({ caseId, action, tasks, defaultTaskId, onClose, onDone }: { caseId: string; action: CaseAction; tasks: TaskRecord[]; defaultTaskId?: string; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [taskId, setTaskId] = useState(defaultTaskId ?? tasks[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState(3);
  const [unit, setUnit] = useState<'calendarDays' | 'workingDays' | 'hours'>('workingDays');
  const [useLatestVersion, setUseLatestVersion] = useState(true);
  const [error, setError] = useState<string>();
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const needsTask = action === 'urge' || action === 'extend' || action === 'escalate';
  const reasonRequired = action !== 'urge' && action !== 'resume';
  const body = (): unknown => {
    switch (action) {
      case 'urge':
        return { taskId, ...(reason ? { comment: reason } : {}) };
      case 'escalate':
        return { ...(taskId ? { taskId } : {}), reason };
      case 'extend':
        return { taskId, amount, unit, reason };
      case 'suspend':
      case 'terminate':
        return { reason };
      case 'resume':
        return reason ? { reason } : {};
      case 'resolve-incident':
        return { reason, useLatestVersion };
      default: {
        const never: never = action;
        return never;
      }
    }
  };
  return (
    <Dialog title={t(action)} onClose={onClose} testId={`case-action-${action}`}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            await client.caseUpdate(caseId, action, body() as never);
            onDone();
          } catch (err) {
            setError(errorMessage(err));
            setErrs(fieldErrors(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorBanner message={error} />
        {needsTask ? (
          <Field label={t('task')} error={errs.taskId}>
            <select value={taskId} onChange={(e) => setTaskId(e.target.value)} data-testid="action-task">
              {action === 'escalate' ? <option value="">—</option> : null}
              {tasks.map((x) => (
                <option translate="no" key={x.id} value={x.id}>
                  {x.nodeName}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {action === 'extend' ? (
          <div className="row">
            <Field label={t('amount')} error={errs.amount}>
              <input type="number" min={1} max={365} value={amount} onChange={(e) => setAmount(Number(e.target.value))} data-testid="extend-amount" />
            </Field>
            <Field label={t('unit')} error={errs.unit}>
              <select value={unit} onChange={(e) => setUnit(e.target.value as typeof unit)} data-testid="extend-unit">
                {(['workingDays', 'calendarDays', 'hours'] as const).map((u) => (
                  <option translate="no" key={u} value={u}>
                    {UNIT_LABEL[u][lang]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        ) : null}
        {action === 'resolve-incident' ? (
          <label className="row">
            <input type="checkbox" checked={useLatestVersion} onChange={(e) => setUseLatestVersion(e.target.checked)} data-testid="resolve-latest" />
            {t('useLatestVersion')}
          </label>
        ) : null}
        <Field label={action === 'urge' ? t('comment') : t('reason')} error={errs.reason ?? errs.comment}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required={reasonRequired} data-testid="action-reason" />
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className={`btn ${action === 'terminate' ? 'btn-danger' : 'btn-primary'}`} disabled={busy} data-testid="action-submit">
            {t('confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
