/** Inputs of the property panel, each bound to one value and the issues of its field. */
import type { Duration, DurationUnit, VoteRule } from '../../../dsl/schema.js';
import { DurationUnitSchema, VoteBaseSchema } from '../../../dsl/schema.js';
import { BASE_LABEL, PROVENANCE_LABEL, UNIT_LABEL } from '../lib/labels.js';
import { plainNote } from '../../../dsl/plain-note.js';
import { useLang, useT } from '../lib/i18n.js';

export function FieldErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <>
      {messages.map((m, i) => (
        <span className="field-error" key={i} data-testid="field-error">
          {m}
        </span>
      ))}
    </>
  );
}

export function TextProp({ label, value, onChange, errors = [], testId, multiline, placeholder, readOnly }: { label: string; value: string; onChange: (v: string) => void; errors?: string[]; testId?: string; multiline?: boolean; placeholder?: string; readOnly?: boolean }) {
  return (
    <label className={`field${errors.length ? ' field-invalid' : ''}`}>
      <span className="field-label">{label}</span>
      {multiline ? (
        <textarea value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} placeholder={placeholder} readOnly={readOnly} rows={3} />
      ) : (
        <input value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} placeholder={placeholder} readOnly={readOnly} />
      )}
      <FieldErrors messages={errors} />
    </label>
  );
}

export function NumberProp({ label, value, onChange, errors = [], testId, min, step, readOnly }: { label: string; value: number | undefined; onChange: (v: number) => void; errors?: string[]; testId?: string; min?: number; step?: number; readOnly?: boolean }) {
  return (
    <label className={`field${errors.length ? ' field-invalid' : ''}`}>
      <span className="field-label">{label}</span>
      <input type="number" value={value ?? ''} min={min} step={step ?? 1} readOnly={readOnly} onChange={(e) => onChange(e.target.value === '' ? 0 : Number(e.target.value))} data-testid={testId} />
      <FieldErrors messages={errors} />
    </label>
  );
}

export function SelectProp<T extends string>({ label, value, options, onChange, errors = [], testId, disabled }: { label: string; value: T | ''; options: { value: T | ''; label: string }[]; onChange: (v: T) => void; errors?: string[]; testId?: string; disabled?: boolean }) {
  return (
    <label className={`field${errors.length ? ' field-invalid' : ''}`}>
      <span className="field-label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId} disabled={disabled}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors messages={errors} />
    </label>
  );
}

export function CheckProp({ label, checked, onChange, testId, disabled }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId?: string; disabled?: boolean }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} disabled={disabled} />
      <span>{label}</span>
    </label>
  );
}

export function DurationProp({ label, value, onChange, errors = [], testId, readOnly }: { label: string; value: Duration; onChange: (d: Duration) => void; errors?: string[]; testId?: string; readOnly?: boolean }) {
  const lang = useLang((s) => s.lang);
  return (
    <div className={`field${errors.length ? ' field-invalid' : ''}`} data-testid={testId}>
      <span className="field-label">{label}</span>
      <div className="row">
        <input type="number" min={0} value={value.amount} readOnly={readOnly} onChange={(e) => onChange({ ...value, amount: Number(e.target.value) })} data-testid={testId ? `${testId}-amount` : undefined} className="w-num" />
        <select value={value.unit} disabled={readOnly} onChange={(e) => onChange({ ...value, unit: e.target.value as DurationUnit })} data-testid={testId ? `${testId}-unit` : undefined}>
          {DurationUnitSchema.options.map((u) => (
            <option key={u} value={u}>
              {UNIT_LABEL[u][lang]}
            </option>
          ))}
        </select>
      </div>
      <FieldErrors messages={errors} />
    </div>
  );
}

/** `count op num/den × base`, e.g. 到会 ≥ 2/3 × 全体. */
export function RuleProp({ label, rule, onChange, errors = [], testId, readOnly }: { label: string; rule: VoteRule; onChange: (r: VoteRule) => void; errors?: string[]; testId?: string; readOnly?: boolean }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const floor = rule.floor;
  return (
    <div className={`field${errors.length ? ' field-invalid' : ''}`} data-testid={testId}>
      <span className="field-label">{label}</span>
      <div className="row">
        <select value={rule.op} disabled={readOnly} onChange={(e) => onChange({ ...rule, op: e.target.value as '>' | '>=' })} aria-label={t('ruleOp')}>
          <option value=">">&gt;</option>
          <option value=">=">≥</option>
        </select>
        <input type="number" className="w-num" min={0} value={rule.num} readOnly={readOnly} onChange={(e) => onChange({ ...rule, num: Number(e.target.value) })} aria-label={t('ruleNum')} />
        <span>/</span>
        <input type="number" className="w-num" min={1} value={rule.den} readOnly={readOnly} onChange={(e) => onChange({ ...rule, den: Number(e.target.value) })} aria-label={t('ruleDen')} />
        <span>×</span>
        <select value={rule.base} disabled={readOnly} onChange={(e) => onChange({ ...rule, base: e.target.value as VoteRule['base'] })} aria-label={t('ruleBase')}>
          {VoteBaseSchema.options.map((b) => (
            <option key={b} value={b}>
              {BASE_LABEL[b][lang]}
            </option>
          ))}
        </select>
      </div>
      {rule.source || floor ? (
        <span className="field-hint">
          {rule.provenance ? <span className={`prov prov-${rule.provenance}`}>{PROVENANCE_LABEL[rule.provenance][lang]}</span> : null} {plainNote(rule.source)}
          {floor ? ` · ${lang === 'zh' ? '法定下限' : 'floor'} ${floor.op === '>' ? '>' : '≥'} ${floor.num}/${floor.den}` : ''}
        </span>
      ) : null}
      <FieldErrors messages={errors} />
    </div>
  );
}
