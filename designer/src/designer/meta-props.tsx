/**
 * Definition-level properties: title, fields, roles and parameters. [UNCERTAIN] parameters show
 * their note, [STAT] ones their statutory floor, so an administrator sees why a value is what it is.
 */
import type { FieldDef, ParamDef } from '../../../dsl/schema.js';
import { FieldTypeSchema } from '../../../dsl/schema.js';
import { updateMeta } from './graph/editor-ops.js';
import { useEditor } from './graph/editor-store.js';
import { fieldMessages } from './graph/issues-map.js';
import { useLang, useT } from '../lib/i18n.js';
import { FIELD_FORMAT_LABEL, FIELD_TYPE_LABEL, PROVENANCE_LABEL } from '../lib/labels.js';
import { plainNote } from '../../../dsl/plain-note.js';
import { FieldErrors, TextProp } from './prop-inputs.js';

function paramValue(p: ParamDef): string {
  const d = p.default;
  if (typeof d === 'object') return `${d.num}/${d.den}`;
  return String(d);
}

function parseParam(p: ParamDef, raw: string): ParamDef['default'] {
  switch (p.type) {
    case 'number':
      return Number(raw);
    case 'boolean':
      return raw === 'true';
    case 'fraction': {
      const [n, d] = raw.split('/').map((x) => Number(x.trim()));
      return { num: Number.isFinite(n) ? n! : 0, den: Number.isFinite(d) && d! > 0 ? d! : 1 };
    }
    case 'text':
    case 'select':
      return raw;
    default: {
      const never: never = p.type;
      return String(never);
    }
  }
}

export function MetaProps() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const meta = useEditor((s) => s.doc.meta);
  const readOnly = useEditor((s) => s.readOnly);
  const issueIndex = useEditor((s) => s.issueIndex);
  const commit = useEditor((s) => s.commit);
  const err = (f: string) => fieldMessages(issueIndex, 'meta', f);
  const setParams = (params: ParamDef[], key: string) => commit((d) => updateMeta(d, (m) => ({ ...m, params })), key);
  const setFields = (fields: FieldDef[], key: string) => commit((d) => updateMeta(d, (m) => ({ ...m, fields })), key);
  return (
    <div className="props" data-testid="meta-props">
      <h3>{t('definitionInfo')}</h3>
      <TextProp label={t('title')} value={meta.title} readOnly={readOnly} errors={err('title')} onChange={(v) => commit((d) => updateMeta(d, (m) => ({ ...m, title: v })), 'meta:title')} />
      <TextProp label={t('description')} value={meta.description ?? ''} multiline readOnly={readOnly} errors={err('description')} onChange={(v) => commit((d) => updateMeta(d, (m) => ({ ...m, description: v || undefined })), 'meta:description')} />

      <h3>{t('definitionParams')}</h3>
      {meta.params.length === 0 ? <span className="muted">—</span> : null}
      <div data-testid="params-panel">
        {meta.params.map((p, i) => (
          <div className={`param param-${p.provenance}`} key={p.key} data-testid={`param-${p.key}`}>
            <label className={`field${err(`params.${i}`).length ? ' field-invalid' : ''}`}>
              <span className="field-label">
                <span className={`prov prov-${p.provenance}`}>{PROVENANCE_LABEL[p.provenance][lang]}</span> {p.label}
              </span>
              {p.type === 'boolean' ? (
                <select value={String(p.default)} disabled={readOnly} onChange={(e) => setParams(meta.params.map((x, j) => (j === i ? { ...x, default: parseParam(x, e.target.value) } : x)), `param:${p.key}`)}>
                  <option value="true">是</option>
                  <option value="false">否</option>
                </select>
              ) : p.type === 'select' && p.options ? (
                <select value={String(p.default)} disabled={readOnly} onChange={(e) => setParams(meta.params.map((x, j) => (j === i ? { ...x, default: e.target.value } : x)), `param:${p.key}`)}>
                  {p.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input defaultValue={paramValue(p)} readOnly={readOnly} onChange={(e) => setParams(meta.params.map((x, j) => (j === i ? { ...x, default: parseParam(x, e.target.value) } : x)), `param:${p.key}`)} />
              )}
              {plainNote(p.source, (k) => meta.params.find((x) => x.key === k)?.label) ? <span className="field-hint">{plainNote(p.source, (k) => meta.params.find((x) => x.key === k)?.label)}</span> : null}
              {p.provenance === 'STAT' && (p.min !== undefined || p.max !== undefined) ? (
                <span className="field-hint stat-floor" data-testid="stat-floor">
                  {t('statFloor')}: {p.min !== undefined ? `≥ ${p.min}` : ''} {p.max !== undefined ? `≤ ${p.max}` : ''}
                </span>
              ) : null}
              {p.provenance === 'UNCERTAIN' ? (
                <span className="uncertain-note" data-testid="uncertain-note">
                  ⚠ {t('uncertainNote')}：{plainNote(p.note, (k) => meta.params.find((x) => x.key === k)?.label) ?? (lang === 'zh' ? '来源不一致，请按本地规定核实' : 'sources conflict; check local rules')}
                </span>
              ) : null}
              <FieldErrors messages={err(`params.${i}`)} />
            </label>
          </div>
        ))}
      </div>

      <h3>{t('formFields')}</h3>
      {meta.fields.map((f, i) => (
        <div className="action-row" key={i} data-testid={`field-def-${f.key}`}>
          <input aria-label={t('fieldCode')} className="w-id" value={f.key} readOnly={readOnly} onChange={(e) => setFields(meta.fields.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)), `field:${i}:key`)} />
          <input aria-label={t('fieldName')} value={f.label} readOnly={readOnly} onChange={(e) => setFields(meta.fields.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)), `field:${i}:label`)} />
          <select aria-label={t('fieldKind')} value={f.type} disabled={readOnly} onChange={(e) => setFields(meta.fields.map((x, j) => (j === i ? { ...x, type: e.target.value as FieldDef['type'] } : x)), `field:${i}:type`)}>
            {FieldTypeSchema.options.map((o) => (
              <option key={o} value={o}>
                {FIELD_TYPE_LABEL[o][lang]}
              </option>
            ))}
          </select>
          {f.type === 'text' ? (
            <select
              aria-label={t('fieldFormat')}
              value={f.format ?? ''}
              disabled={readOnly}
              data-testid={`field-format-${f.key}`}
              onChange={(e) => setFields(meta.fields.map((x, j) => (j === i ? { ...x, format: (e.target.value || undefined) as FieldDef['format'] } : x)), `field:${i}:format`)}
            >
              {(['', 'mobile', 'phone', 'idCard'] as const).map((o) => (
                <option key={o} value={o}>
                  {FIELD_FORMAT_LABEL[o][lang]}
                </option>
              ))}
            </select>
          ) : null}
          {!readOnly ? (
            <button type="button" className="btn-text" onClick={() => setFields(meta.fields.filter((_, j) => j !== i), `field:${i}:del`)}>
              ×
            </button>
          ) : null}
          <FieldErrors messages={err(`fields.${i}`)} />
        </div>
      ))}
      {!readOnly ? (
        <button type="button" className="btn btn-small" onClick={() => setFields([...meta.fields, { key: `field${meta.fields.length + 1}`, label: '新字段', type: 'text', required: false, sensitive: false }], 'field:add')}>
          + {t('formFields')}
        </button>
      ) : null}

      <h3>{t('assignRole')}</h3>
      <p className="field-hint">{t('starterRolesHint')}</p>
      <ul className="plain" data-testid="starter-roles">
        {meta.roles.map((r) => {
          const starters = meta.starterRoles ?? [];
          const toggle = (on: boolean) => {
            const next = on ? [...starters, r.key] : starters.filter((k) => k !== r.key);
            commit((d) => updateMeta(d, (m) => ({ ...m, starterRoles: next.length ? next : undefined })), `starter:${r.key}`);
          };
          return (
            <li key={r.key}>
              <label>
                <input type="checkbox" checked={starters.includes(r.key)} disabled={readOnly} onChange={(e) => toggle(e.target.checked)} data-testid={`starter-${r.key}`} /> {r.name}
              </label>
            </li>
          );
        })}
      </ul>
      <FieldErrors messages={err('starterRoles')} />
    </div>
  );
}
