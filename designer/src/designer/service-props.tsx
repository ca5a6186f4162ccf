/**
 * The parameters of a service node, one set of real fields per action (dsl/schema.ts types them
 * by action): a role picker for a notification, a template list for a document, field ← CEL rows
 * for setData, result rows for a call-out, the light's level. Changing the action starts from that
 * action's empty parameters.
 */
import type { Node as DslNode, ServiceAction, ServiceNode, ServiceParams } from '../../../dsl/schema.js';
import { LightLevelSchema, NoticeTemplateSchema, ServiceActionSchema } from '../../../dsl/schema.js';
import { datesNodes, dueOfEntries, dueOfNodes, noticeDateKeys, DEFAULT_DUE_KEY } from '../../../dsl/notice-dates.js';
import { CASEWORK_CATALOGUE } from '../../../dsl/roles.js';
import { LIGHT_LABEL, NOTICE_DATE_LABEL, NOTICE_TEMPLATE_LABEL, SERVICE_ACTION_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { useEditor } from './graph/editor-store.js';
import { updateMeta, updateNode } from './graph/editor-ops.js';
import { CheckProp, FieldErrors, SelectProp, TextProp } from './prop-inputs.js';
import type { Edit, Err } from './node-sections.js';

/** The parameters a freshly chosen action starts with (each valid or pointing at what is missing). */
export function emptyServiceParams(action: ServiceAction): ServiceParams<ServiceAction> {
  switch (action) {
    case 'notify':
      return {};
    case 'notice':
      return { template: 'generic' };
    case 'setData':
      return { set: {} };
    case 'callout':
      return {};
    case 'light':
      return { level: 'yellow' };
    case 'cc':
      return {};
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** field ← value rows of a record (setData's assignments, a call-out's result fields). */
function RecordRows({
  rows,
  onChange,
  fieldOptions,
  valueLabel,
  addLabel,
  readOnly,
  testId,
  err,
  errPath,
}: {
  rows: Record<string, string>;
  onChange: (rows: Record<string, string>) => void;
  fieldOptions: { value: string; label: string }[];
  valueLabel: string;
  addLabel: string;
  readOnly: boolean;
  testId: string;
  err: Err;
  errPath: string;
}) {
  const t = useT();
  const entries = Object.entries(rows);
  const free = fieldOptions.filter((o) => !(o.value in rows));
  /** Renames a row's field, keeping the order of the rows. */
  const rename = (from: string, to: string) => onChange(Object.fromEntries(entries.map(([k, v]) => (k === from ? [to, v] : [k, v]))));
  return (
    <div className="record-rows" data-testid={testId}>
      {entries.map(([field, value], i) => (
        <div className="record-row" key={`${i}-${field}`} data-testid={`${testId}-row`}>
          <select value={field} disabled={readOnly} aria-label={t('svcField')} onChange={(e) => rename(field, e.target.value)} data-testid={`${testId}-field-${i}`}>
            {[...fieldOptions.filter((o) => o.value === field || !(o.value in rows)), ...(fieldOptions.some((o) => o.value === field) ? [] : [{ value: field, label: field }])].map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <span aria-hidden>←</span>
          <input value={value} readOnly={readOnly} aria-label={valueLabel} onChange={(e) => onChange({ ...rows, [field]: e.target.value })} data-testid={`${testId}-value-${i}`} />
          {!readOnly ? (
            <button type="button" className="btn-text" onClick={() => onChange(Object.fromEntries(entries.filter(([k]) => k !== field)))} title={t('remove')} aria-label={t('remove')}>
              ✕
            </button>
          ) : null}
          <FieldErrors messages={err(`${errPath}.${field}`)} />
        </div>
      ))}
      {!readOnly && free.length > 0 ? (
        <button type="button" className="btn btn-small" onClick={() => onChange({ ...rows, [free[0]!.value]: '' })} data-testid={`${testId}-add`}>
          + {addLabel}
        </button>
      ) : null}
    </div>
  );
}

/** Date blank ← step rows (a notice's 办结期限 / 办理日期): both sides chosen from lists, never typed. */
function DateRefRows({
  rows,
  onChange,
  keyOptions,
  nodeOptions,
  addLabel,
  readOnly,
  testId,
}: {
  rows: [string, string][];
  onChange: (rows: [string, string][]) => void;
  keyOptions: { value: string; label: string }[];
  nodeOptions: { value: string; label: string }[];
  addLabel: string;
  readOnly: boolean;
  testId: string;
}) {
  const t = useT();
  const withCurrent = (options: { value: string; label: string }[], v: string) => (options.some((o) => o.value === v) ? options : [...options, { value: v, label: `${v} ?` }]);
  const set = (i: number, row: [string, string]) => onChange(rows.map((r, j) => (j === i ? row : r)));
  const freeKey = keyOptions.find((o) => !rows.some(([k]) => k === o.value));
  return (
    <div className="record-rows" data-testid={testId}>
      {rows.map(([key, nodeId], i) => (
        <div className="record-row" key={i} data-testid={`${testId}-row`}>
          <select value={key} disabled={readOnly} aria-label={t('svcDateKey')} onChange={(e) => set(i, [e.target.value, nodeId])} data-testid={`${testId}-key-${i}`}>
            {withCurrent(keyOptions.filter((o) => o.value === key || !rows.some(([k]) => k === o.value)), key).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <span aria-hidden>←</span>
          <select value={nodeId} disabled={readOnly} aria-label={t('svcDateNode')} onChange={(e) => set(i, [key, e.target.value])} data-testid={`${testId}-node-${i}`}>
            {withCurrent(nodeOptions, nodeId).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {!readOnly ? (
            <button type="button" className="btn-text" onClick={() => onChange(rows.filter((_, j) => j !== i))} title={t('remove')} aria-label={t('remove')}>
              ✕
            </button>
          ) : null}
        </div>
      ))}
      {!readOnly && freeKey && nodeOptions.length > 0 ? (
        <button type="button" className="btn btn-small" onClick={() => onChange([...rows, [freeKey.value, nodeOptions[0]!.value]])} data-testid={`${testId}-add`}>
          + {addLabel}
        </button>
      ) : null}
    </div>
  );
}

/** 抄送's role: the procedure's roles and the rest of the role catalogue, by name; a catalogue role joins the procedure's roles when chosen. */
function CcRoleSelect({ node, err }: { node: Extract<ServiceNode, { action: 'cc' }>; err: Err }) {
  const t = useT();
  const readOnly = useEditor((s) => s.readOnly);
  const roles = useEditor((s) => s.doc.meta.roles);
  const commit = useEditor((s) => s.commit);
  const own = new Set(roles.map((r) => r.key));
  const choose = (code: string) =>
    commit((d) => {
      const known = d.meta.roles.some((r) => r.key === code);
      const role = CASEWORK_CATALOGUE.find((r) => r.code === code);
      const withRole = known || !role ? d : updateMeta(d, (m) => ({ ...m, roles: [...m.roles, { key: role.code, name: role.name, ...(role.level ? { level: role.level } : {}) }] }));
      return updateNode(withRole, node.id, (n) => ({ ...n, params: { ...node.params, toRole: code || undefined } }) as DslNode);
    }, `${node.id}:params.toRole`);
  const errors = err('params.toRole');
  return (
    <label className={`field${errors.length ? ' field-invalid' : ''}`}>
      <span className="field-label">{t('svcCcRole')}</span>
      <select value={node.params.toRole ?? ''} disabled={readOnly} onChange={(e) => choose(e.target.value)} data-testid="prop-svc-cc-role">
        <option value="">—</option>
        <optgroup label={t('rolesOfProcedure')}>
          {roles.map((r) => (
            <option key={r.key} value={r.key}>
              {r.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('roleCatalogue')}>
          {CASEWORK_CATALOGUE.filter((r) => !own.has(r.code)).map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </optgroup>
      </select>
      <span className="field-hint">{t('svcCcRoleHint')}</span>
      <FieldErrors messages={errors} />
    </label>
  );
}

export function ServiceSection({ node, err, edit, roleOptions }: { node: ServiceNode; err: Err; edit: Edit; roleOptions: { value: string; label: string }[] }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const readOnly = useEditor((s) => s.readOnly);
  const fields = useEditor((s) => s.doc.meta.fields);
  const fieldOptions = fields.map((f) => ({ value: f.key, label: f.label }));
  const defNodes = useEditor((s) => s.doc.nodes).map((n) => n.data.node);
  const dateKeyLabel = (key: string) => NOTICE_DATE_LABEL[key]?.[lang] ?? fields.find((f) => f.key === key)?.label ?? key;
  /** Replaces the parameters of this node's action (one undo step per field being typed). */
  const setParams = <A extends ServiceAction>(field: string, params: ServiceParams<A>) => edit(`params.${field}`, (n) => ({ ...n, params }) as DslNode);
  return (
    <fieldset className="group" data-testid="service-params">
      <legend>{t('serviceAction')}</legend>
      <SelectProp
        label={t('serviceAction')}
        value={node.action}
        disabled={readOnly}
        testId="prop-service-action"
        options={ServiceActionSchema.options.map((a) => ({ value: a, label: SERVICE_ACTION_LABEL[a][lang] }))}
        errors={err('action')}
        onChange={(action) => edit('action', (n) => ({ ...n, action, params: emptyServiceParams(action) }) as DslNode)}
      />
      {node.action === 'notify' ? (
        <>
          <SelectProp label={t('svcToRole')} value={node.params.toRole ?? ''} options={roleOptions} disabled={readOnly} testId="prop-svc-to-role" errors={err('params.toRole')} onChange={(v) => setParams('toRole', { ...node.params, toRole: v || undefined })} />
          <CheckProp label={t('svcToInitiator')} checked={node.params.toInitiator === true} disabled={readOnly} onChange={(v) => setParams('toInitiator', { ...node.params, toInitiator: v || undefined })} />
          <TextProp label={t('svcTitle')} value={node.params.title ?? ''} readOnly={readOnly} errors={err('params.title')} onChange={(v) => setParams('title', { ...node.params, title: v || undefined })} />
          <TextProp label={t('svcMessage')} value={node.params.message ?? ''} readOnly={readOnly} multiline testId="prop-svc-message" errors={err('params.message')} onChange={(v) => setParams('message', { ...node.params, message: v || undefined })} />
        </>
      ) : null}
      {node.action === 'cc' ? (
        <>
          <CcRoleSelect node={node} err={err} />
          <CheckProp label={t('svcCcInitiator')} checked={node.params.toInitiator === true} disabled={readOnly} onChange={(v) => setParams('toInitiator', { ...node.params, toInitiator: v || undefined })} />
          <TextProp label={t('svcCcNote')} value={node.params.note ?? ''} readOnly={readOnly} multiline testId="prop-svc-cc-note" errors={err('params.note')} onChange={(v) => setParams('note', { ...node.params, note: v || undefined })} />
        </>
      ) : null}
      {node.action === 'notice' ? (
        <>
          <SelectProp
            label={t('svcTemplate')}
            value={node.params.template}
            disabled={readOnly}
            testId="prop-svc-template"
            options={NoticeTemplateSchema.options.map((k) => ({ value: k, label: NOTICE_TEMPLATE_LABEL[k][lang] }))}
            errors={err('params.template')}
            onChange={(v) => setParams('template', { ...node.params, template: v })}
          />
          <TextProp label={t('svcDocTitle')} value={node.params.title ?? ''} readOnly={readOnly} testId="prop-svc-doc-title" errors={err('params.title')} onChange={(v) => setParams('title', { ...node.params, title: v || undefined })} />
          <SelectProp label={t('svcDocField')} value={node.params.field ?? ''} disabled={readOnly} options={[{ value: '', label: t('none') }, ...fieldOptions]} errors={err('params.field')} onChange={(v) => setParams('field', { ...node.params, field: v || undefined })} />
          <div className={`field${err('params.dueOf').length ? ' field-invalid' : ''}`}>
            <span className="field-label">{t('svcDueOf')}</span>
            <DateRefRows
              rows={dueOfEntries(node.params.dueOf)}
              keyOptions={noticeDateKeys(node.params.template, { fields }).map((k) => ({ value: k, label: dateKeyLabel(k) }))}
              nodeOptions={dueOfNodes({ nodes: defNodes }).map((n) => ({ value: n.id, label: n.name }))}
              addLabel={t('svcAddDueOf')}
              readOnly={readOnly}
              testId="prop-svc-dueof"
              onChange={(rows) =>
                setParams('dueOf', { ...node.params, dueOf: rows.length === 0 ? undefined : rows.length === 1 && rows[0]![0] === DEFAULT_DUE_KEY ? rows[0]![1] : Object.fromEntries(rows) })
              }
            />
            <span className="field-hint">{t('svcDueOfHint')}</span>
            <FieldErrors messages={err('params.dueOf')} />
          </div>
          <div className={`field${err('params.dates').length ? ' field-invalid' : ''}`}>
            <span className="field-label">{t('svcDates')}</span>
            <DateRefRows
              rows={Object.entries(node.params.dates ?? {})}
              keyOptions={noticeDateKeys(node.params.template, { fields }).map((k) => ({ value: k, label: dateKeyLabel(k) }))}
              nodeOptions={datesNodes({ nodes: defNodes }).map((n) => ({ value: n.id, label: n.name }))}
              addLabel={t('svcAddDate')}
              readOnly={readOnly}
              testId="prop-svc-dates"
              onChange={(rows) => setParams('dates', { ...node.params, dates: rows.length ? Object.fromEntries(rows) : undefined })}
            />
            <span className="field-hint">{t('svcDatesHint')}</span>
            <FieldErrors messages={err('params.dates')} />
          </div>
        </>
      ) : null}
      {node.action === 'setData' ? (
        <div className="field">
          <span className="field-label">
            {t('svcAssignments')} · {t('svcField')} ← {t('svcExpression')}
          </span>
          <RecordRows rows={node.params.set} fieldOptions={fieldOptions} valueLabel={t('svcExpression')} addLabel={t('svcAddAssignment')} readOnly={readOnly} testId="prop-svc-set" err={err} errPath="params.set" onChange={(set) => setParams('set', { set })} />
        </div>
      ) : null}
      {node.action === 'callout' ? (
        <>
          <TextProp label={t('svcCalloutName')} value={node.params.name ?? ''} readOnly={readOnly} testId="prop-svc-callout" errors={err('params.name')} onChange={(v) => setParams('name', { ...node.params, name: v || undefined })} />
          <div className="field">
            <span className="field-label">
              {t('svcResultFields')} · {t('svcField')} ← {t('svcResultKey')}
            </span>
            <RecordRows
              rows={node.params.resultFields ?? {}}
              fieldOptions={fieldOptions}
              valueLabel={t('svcResultKey')}
              addLabel={t('svcAddResultField')}
              readOnly={readOnly}
              testId="prop-svc-results"
              err={err}
              errPath="params.resultFields"
              onChange={(resultFields) => setParams('resultFields', { ...node.params, resultFields: Object.keys(resultFields).length ? resultFields : undefined })}
            />
          </div>
          <span className="field-hint">{t('svcPayloadKept')}</span>
        </>
      ) : null}
      {node.action === 'light' ? (
        <>
          <SelectProp
            label={t('svcLevel')}
            value={node.params.level}
            disabled={readOnly}
            testId="prop-svc-level"
            options={LightLevelSchema.options.map((l) => ({ value: l, label: LIGHT_LABEL[l][lang] }))}
            errors={err('params.level')}
            onChange={(level) => setParams('level', { ...node.params, level })}
          />
          <TextProp label={t('svcReason')} value={node.params.reason ?? ''} readOnly={readOnly} errors={err('params.reason')} onChange={(v) => setParams('reason', { ...node.params, reason: v || undefined })} />
          <TextProp label={t('svcIndicator')} value={node.params.indicator ?? ''} readOnly={readOnly} errors={err('params.indicator')} onChange={(v) => setParams('indicator', { ...node.params, indicator: v || undefined })} />
        </>
      ) : null}
    </fieldset>
  );
}
