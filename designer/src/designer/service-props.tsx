/**
 * The parameters of a service node, one set of real fields per action (dsl/schema.ts types them
 * by action): a role picker for a notification, a template list for a document, field ← CEL rows
 * for setData, result rows for a call-out, the light's level. Changing the action starts from that
 * action's empty parameters.
 */
import type { Node as DslNode, ServiceAction, ServiceNode, ServiceParams } from '../../../dsl/schema.js';
import { LightLevelSchema, NoticeTemplateSchema, ServiceActionSchema } from '../../../dsl/schema.js';
import { LIGHT_LABEL, NOTICE_TEMPLATE_LABEL, SERVICE_ACTION_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { useEditor } from './graph/editor-store.js';
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

export function ServiceSection({ node, err, edit, roleOptions }: { node: ServiceNode; err: Err; edit: Edit; roleOptions: { value: string; label: string }[] }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const readOnly = useEditor((s) => s.readOnly);
  const fields = useEditor((s) => s.doc.meta.fields);
  const fieldOptions = fields.map((f) => ({ value: f.key, label: `${f.label} (${f.key})` }));
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
          <SelectProp label={t('svcCcRole')} value={node.params.toRole ?? ''} options={roleOptions} disabled={readOnly} testId="prop-svc-cc-role" errors={err('params.toRole')} onChange={(v) => setParams('toRole', { ...node.params, toRole: v || undefined })} />
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
