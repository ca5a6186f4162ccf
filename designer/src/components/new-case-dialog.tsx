/** 发起案件: pick a published procedure and a village, give a title. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorMessage, fieldErrors } from '../lib/api.js';
import type { DefinitionSummary, OrgUnit } from '../lib/api-types.js';
import { useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { Dialog, ErrorBanner, Field } from './ui.js';

export function NewCaseDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const defs = useAsync(() => api.get<DefinitionSummary[]>('/api/definitions'), []);
  const units = useAsync(() => api.get<OrgUnit[]>('/api/org/units'), []);
  const [procedure, setProcedure] = useState('');
  const [orgUnit, setOrgUnit] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const published = (defs.data ?? []).filter((d) => d.latestVersion);
  return (
    <Dialog title={t('newCase')} onClose={onClose} testId="new-case-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            const res = await api.post<{ caseId: string }>('/api/cases', { procedure, orgUnit, title });
            navigate(`/cases/${encodeURIComponent(res.caseId)}`);
          } catch (err) {
            setError(errorMessage(err));
            setErrs(fieldErrors(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorBanner message={error ?? defs.error ?? units.error} />
        <Field label={t('procedure')} error={errs.procedure}>
          <select value={procedure} onChange={(e) => setProcedure(e.target.value)} required data-testid="new-case-procedure">
            <option value="">—</option>
            {published.map((d) => (
              <option key={d.key} value={d.key}>
                {d.title} (v{d.latestVersion})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('orgUnit')} error={errs.orgUnit}>
          <select value={orgUnit} onChange={(e) => setOrgUnit(e.target.value)} required data-testid="new-case-org">
            <option value="">—</option>
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('title')} error={errs.title}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required data-testid="new-case-title" />
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="new-case-submit">
            {t('start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
