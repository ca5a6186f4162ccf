/**
 * 发起案件 as DingTalk does: pick a procedure the user may start and one of the units they may start
 * it in (pre-selected when there is one), fill in the first step's form when that step is the
 * starter's own (it is completed at start; the title is derived from it unless typed), else give a
 * title. Form errors stand at their fields, and the first one is scrolled into view.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Definition, FieldDef, ParamDef } from '../../../dsl/schema.js';
import { deriveTitle, startFields, startStep, startStepIsStarters } from '../../../dsl/start-step.js';
import { useNavigate } from 'react-router';
import { client, errorMessage, fieldErrors } from '../lib/api.js';
import type { StartableDefinition } from '../../../api/index.js';
import { useLang, useT } from '../lib/i18n.js';
import { PROVENANCE_LABEL } from '../lib/labels.js';
import { plainNote } from '../../../dsl/plain-note.js';
import { useAsync } from '../lib/use-async.js';
import { Dialog, ErrorBanner, Field } from '../shell/ui.js';
import { ForecastTimeline, useForecast } from '../forecast/forecast-timeline.js';
import { FieldInput } from './field-input.js';

type Startable = StartableDefinition;

export function NewCaseDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const navigate = useNavigate();
  // Only what this user may start, and where (the definitions' starterRoles, checked again at start).
  const defs = useAsync(() => client.startable(), []);
  const [procedure, setProcedure] = useState('');
  const [orgUnit, setOrgUnit] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const published = defs.data ?? [];
  const units = published.find((d) => d.key === procedure)?.units ?? [];
  const [params, setParams] = useState<ParamDef[]>([]);
  const [overrides, setOverrides] = useState<Record<string, unknown>>({});
  const [showParams, setShowParams] = useState(false);
  const paramLabel = (key: string) => params.find((p) => p.key === key)?.label;
  const [def, setDef] = useState<Definition>();
  const [data, setData] = useState<Record<string, unknown>>({});
  // The start form: the first step's fields, when that step is the starter's own.
  const fields: FieldDef[] = def && startStepIsStarters(def) ? startFields(def) : [];
  const required = new Set(def ? (startStep(def)?.requiredFields ?? []) : []);
  const derived = def && fields.length ? deriveTitle(def, data) : undefined;
  // 预计时间线: the steps and statutory due dates of a case started now (with the parameters and start form as set here).
  const [showForecast, setShowForecast] = useState(false);
  const [startAt] = useState(() => new Date().toISOString());
  const forecastInput = useMemo(() => (showForecast ? { startAt, params: overrides, data } : undefined), [showForecast, startAt, overrides, data]);
  const { forecast, error: forecastError } = useForecast(def, forecastInput);
  useEffect(() => {
    setOverrides({});
    setParams([]);
    setDef(undefined);
    setData({});
    const d = published.find((x) => x.key === procedure);
    if (!d) return;
    if (!d.units.some((u) => u.id === orgUnit)) setOrgUnit(d.units.length === 1 ? d.units[0]!.id : '');
    client
      .version(d.key, d.version)
      .then((v) => {
        setParams(v.params);
        setDef(v);
      })
      .catch(() => setParams([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [procedure, defs.data]);
  return (
    <Dialog title={t('newCase')} onClose={onClose} testId="new-case-dialog" wide={showForecast}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            const withForm = fields.length > 0;
            const res = await client.startCase({
              procedure,
              orgUnit,
              ...(title.trim() ? { title } : {}),
              ...(withForm ? { data, submitStartStep: true } : {}),
              ...(Object.keys(overrides).length ? { params: overrides } : {}),
            });
            navigate(`/cases/${encodeURIComponent(res.caseId)}`);
          } catch (err) {
            const byField = fieldErrors(err);
            setErrs(byField);
            const first = fields.find((f) => byField[`data.${f.key}`]);
            setError(first ? t('formHasErrors') : errorMessage(err));
            // The first field in error comes into view (the dialog may have scrolled past it).
            if (first) requestAnimationFrame(() => document.querySelector(`[data-testid="input-${first.key}"]`)?.scrollIntoView({ block: 'center' }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorBanner message={error ?? defs.error} />
        {defs.data && published.length === 0 ? <p data-testid="new-case-none">{t('nothingToStart')}</p> : null}
        <Field label={t('procedure')} error={errs.procedure}>
          <select value={procedure} onChange={(e) => setProcedure(e.target.value)} required data-testid="new-case-procedure">
            <option value="">—</option>
            {published.map((d) => (
              <option translate="no" key={d.key} value={d.key}>
                {d.title} (v{d.version})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('orgUnit')} error={errs.orgUnit}>
          <select value={orgUnit} onChange={(e) => setOrgUnit(e.target.value)} required data-testid="new-case-org">
            <option value="">—</option>
            {units.map((u) => (
              <option translate="no" key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        {fields.length ? (
          <fieldset className="start-form" data-testid="new-case-form">
            <legend>{t('startForm')}</legend>
            {fields.map((f) => (
              <FieldInput key={f.key} field={f} value={data[f.key]} required={required.has(f.key) || f.required} error={errs[`data.${f.key}`]} onChange={(v) => setData({ ...data, [f.key]: v })} />
            ))}
          </fieldset>
        ) : null}
        <Field label={fields.length ? t('titleDerived') : t('title')} error={errs.title}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required={!fields.length} placeholder={derived} data-testid="new-case-title" />
        </Field>
        {params.length ? (
          <button type="button" className="btn-text" onClick={() => setShowParams(!showParams)} data-testid="new-case-params-toggle">
            {t('definitionParams')} {showParams ? '▲' : '▼'}
          </button>
        ) : null}
        {showParams
          ? params.map((p) => {
              const v = p.key in overrides ? overrides[p.key] : p.default;
              const set = (x: unknown) => setOverrides({ ...overrides, [p.key]: x });
              return (
                <Field
                  key={p.key}
                  label={`${p.label}`}
                  error={errs[`params.${p.key}`]}
                  hint={
                    <>
                      <span className={`prov prov-${p.provenance}`}>{PROVENANCE_LABEL[p.provenance][lang]}</span> {plainNote(p.source, paramLabel)}
                      {p.provenance === 'STAT' && p.min !== undefined ? ` · ${t('statFloor')} ≥ ${p.min}` : ''}
                      {p.provenance === 'UNCERTAIN' && p.note ? <span className="uncertain-note">⚠ {plainNote(p.note, paramLabel)}</span> : null}
                    </>
                  }
                >
                  {p.type === 'boolean' ? (
                    <select value={String(v)} onChange={(e) => set(e.target.value === 'true')} data-testid={`param-input-${p.key}`}>
                      <option value="true">{t('dfYes')}</option>
                      <option value="false">{t('dfNo')}</option>
                    </select>
                  ) : p.type === 'number' ? (
                    <input type="number" min={p.min} max={p.max} value={Number(v)} onChange={(e) => set(Number(e.target.value))} data-testid={`param-input-${p.key}`} />
                  ) : p.type === 'select' && p.options ? (
                    <select value={String(v)} onChange={(e) => set(e.target.value)} data-testid={`param-input-${p.key}`}>
                      {p.options.map((o) => (
                        <option translate="no" key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : p.type === 'fraction' && typeof v === 'object' && v ? (
                    <input
                      defaultValue={`${(v as { num: number }).num}/${(v as { den: number }).den}`}
                      onChange={(e) => {
                        const [n, d] = e.target.value.split('/').map((x) => Number(x.trim()));
                        if (Number.isFinite(n) && Number.isFinite(d) && d! > 0) set({ num: n, den: d });
                      }}
                      data-testid={`param-input-${p.key}`}
                    />
                  ) : (
                    <input value={String(v)} onChange={(e) => set(e.target.value)} data-testid={`param-input-${p.key}`} />
                  )}
                </Field>
              );
            })
          : null}
        {def ? (
          <button type="button" className="btn-text" onClick={() => setShowForecast(!showForecast)} data-testid="new-case-forecast-toggle">
            {t('expectedTimeline')} {showForecast ? '▲' : '▼'}
          </button>
        ) : null}
        {def && showForecast ? (
          <div className="new-case-forecast">{forecastError ? <p className="field-error">{forecastError}</p> : <ForecastTimeline def={def} forecast={forecast} testId="new-case-forecast" />}</div>
        ) : null}
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
