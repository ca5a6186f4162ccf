/** The generated task form: one input per FieldDef type. */
import { useState } from 'react';
import type { FieldDef } from '../../../dsl/schema.js';
import { useT } from '../lib/i18n.js';
import { plainNote } from '../../../dsl/plain-note.js';

type Value = unknown;

function TableInput({ field, value, onChange, readOnly }: { field: FieldDef; value: Value; onChange: (v: Value) => void; readOnly: boolean }) {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const cols = field.columns ?? [];
  return (
    <div className="table-input">
      <table className="table">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {cols.map((c) => (
                <td key={c.key}>
                  <FieldInput field={c} value={r[c.key]} readOnly={readOnly} onChange={(v) => onChange(rows.map((x, j) => (j === i ? { ...x, [c.key]: v } : x)))} bare />
                </td>
              ))}
              <td>
                {!readOnly ? (
                  <button type="button" className="btn-text" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                    ×
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly ? (
        <button type="button" className="btn btn-small" onClick={() => onChange([...rows, {}])}>
          + 行
        </button>
      ) : null}
    </div>
  );
}

/** A list of short texts, one per line: the text is kept as typed, the value is its non-empty lines. */
function TextListInput({ id, field, value, onChange, readOnly }: { id: string; field: FieldDef; value: Value; onChange: (v: Value) => void; readOnly: boolean }) {
  const items = Array.isArray(value) ? (value as unknown[]).map(String) : [];
  const [text, setText] = useState(items.join('\n'));
  return (
    <textarea
      id={id}
      value={text}
      readOnly={readOnly}
      rows={Math.max(3, items.length + 1)}
      placeholder="每行一项"
      onChange={(e) => {
        setText(e.target.value);
        const lines = e.target.value.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
        onChange(lines.length ? lines : null);
      }}
      data-testid={`input-${field.key}`}
    />
  );
}

export function FieldInput({ field, value, onChange, readOnly = false, error, required, bare }: { field: FieldDef; value: Value; onChange: (v: Value) => void; readOnly?: boolean; error?: string; required?: boolean; bare?: boolean }) {
  const t = useT();
  const id = `f-${field.key}`;
  const str = value === undefined || value === null ? '' : String(value);
  let input: React.ReactNode;
  switch (field.type) {
    case 'text':
    case 'person':
    case 'orgUnit':
      input = <input id={id} value={str} readOnly={readOnly} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} data-testid={`input-${field.key}`} placeholder={field.type === 'person' ? '用户标识' : field.type === 'orgUnit' ? '单位标识' : undefined} />;
      break;
    case 'longText':
      input = <textarea id={id} value={str} readOnly={readOnly} rows={4} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} data-testid={`input-${field.key}`} />;
      break;
    case 'number':
    case 'money':
      input = (
        <div className="row">
          <input id={id} type="number" value={str} readOnly={readOnly} min={field.min} max={field.max} step={field.type === 'money' ? 0.01 : 'any'} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} data-testid={`input-${field.key}`} />
          {field.type === 'money' ? <span className="muted">元</span> : null}
        </div>
      );
      break;
    case 'date':
      input = <input id={id} type="date" value={str.slice(0, 10)} readOnly={readOnly} onChange={(e) => onChange(e.target.value || null)} data-testid={`input-${field.key}`} />;
      break;
    case 'boolean':
      input = (
        <label className="check">
          <input type="checkbox" checked={value === true} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} data-testid={`input-${field.key}`} />
          <span>{t('dfYes')}</span>
        </label>
      );
      break;
    case 'select':
      input = (
        <select id={id} value={str} disabled={readOnly} onChange={(e) => onChange(e.target.value || null)} data-testid={`input-${field.key}`}>
          <option value="">—</option>
          {(field.options ?? []).map((o) => (
            <option translate="no" key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'multiSelect': {
      const picked = Array.isArray(value) ? (value as string[]) : [];
      input = (
        <div className="chips" data-testid={`input-${field.key}`}>
          {(field.options ?? []).map((o) => (
            <label className="check" key={o.value}>
              <input type="checkbox" disabled={readOnly} checked={picked.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...picked, o.value] : picked.filter((p) => p !== o.value))} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case 'attachment':
      // The file itself is stored elsewhere; the case keeps the file name as its reference.
      input = (
        <div className="row">
          <input id={id} value={str} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} placeholder="文件名" data-testid={`input-${field.key}`} />
          {!readOnly ? <input type="file" aria-label={t('chooseFile')} onChange={(e) => e.target.files?.[0] && onChange(e.target.files[0].name)} /> : null}
        </div>
      );
      break;
    case 'table':
      input = <TableInput field={field} value={value} onChange={onChange} readOnly={readOnly} />;
      break;
    case 'textList':
      input = <TextListInput id={id} field={field} value={value} onChange={onChange} readOnly={readOnly} />;
      break;
    default: {
      const never: never = field.type;
      input = String(never);
    }
  }
  if (bare) return <>{input}</>;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-testid={`field-${field.key}`}>
      <label className="field-label" htmlFor={id}>
        <span translate="no">{field.label}</span>
        {required ? <span className="req"> *{t('required')}</span> : null}
        {field.sensitive ? <span className="tag tag-warn">敏感</span> : null}
      </label>
      {input}
      {plainNote(field.description) ? <span className="field-hint">{plainNote(field.description)}</span> : null}
      {error ? (
        <span className="field-error" data-testid="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
