/**
 * The sections of the node property form for human nodes (task, vote, publicity): assignment,
 * deadline, operations, countersign, the task's actions and form, the vote's rules.
 */
import type { Assignment, Countersign, Deadline, HumanNode, Node as DslNode, VoteSpec } from '../../../dsl/schema.js';
import { OperationSchema, OrgScopeSchema, TimeoutActionSchema } from '../../../dsl/schema.js';
import { VOTE_PRESETS } from './graph/vote-presets.js';
import { useEditor } from './graph/editor-store.js';
import { COUNTERSIGN_LABEL, OPERATION_LABEL, ORG_SCOPE_LABEL, PROVENANCE_LABEL, TIMEOUT_LABEL } from '../lib/labels.js';
import { plainNote } from '../../../dsl/plain-note.js';
import { useLang, useT } from '../lib/i18n.js';
import { CheckProp, DurationProp, FieldErrors, NumberProp, RuleProp, SelectProp, TextProp } from './prop-inputs.js';
import { DeadlineClock } from './deadline-clock.js';

export type Edit = (field: string, f: (n: DslNode) => DslNode) => void;
export type Err = (field: string) => string[];

export function HumanSection({ node, id, roleOptions, err, edit, allNodes }: { node: HumanNode; id: string; roleOptions: { value: string; label: string }[]; err: Err; edit: Edit; allNodes: DslNode[] }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const readOnly = useEditor((s) => s.readOnly);
  const fields = useEditor((s) => s.doc.meta.fields);
  const a = node.assignment;
  const setAssignment = (next: Assignment) => edit('assignment', (n) => ({ ...n, assignment: next }) as DslNode);
  const setDeadline = (next: Deadline | undefined) => edit('deadline', (n) => ({ ...n, deadline: next }) as DslNode);
  const dl = node.deadline;
  return (
    <>
      <fieldset className="group">
        <legend>{t('assignment')}</legend>
        <SelectProp
          label={t('assignment')}
          value={a.type}
          disabled={readOnly}
          testId="prop-assignment-type"
          options={[
            { value: 'role', label: t('assignRole') },
            { value: 'user', label: t('assignUser') },
            { value: 'initiator', label: t('assignInitiator') },
            { value: 'expression', label: t('assignExpression') },
          ]}
          errors={err('assignment.type')}
          onChange={(v) =>
            setAssignment(v === 'role' ? { type: 'role', role: meta0(roleOptions), scope: 'case' } : v === 'user' ? { type: 'user', userIds: [] } : v === 'initiator' ? { type: 'initiator' } : { type: 'expression', expr: 'data.assignee' })
          }
        />
        {a.type === 'role' ? (
          <>
            <SelectProp label={t('assignRole')} value={a.role} options={roleOptions} disabled={readOnly} testId="prop-assignment-role" errors={err('assignment.role')} onChange={(v) => setAssignment({ ...a, role: v })} />
            <SelectProp label={t('scope')} value={a.scope} disabled={readOnly} options={OrgScopeSchema.options.map((s) => ({ value: s, label: ORG_SCOPE_LABEL[s][lang] }))} errors={err('assignment.scope')} onChange={(v) => setAssignment({ ...a, scope: v })} />
            {a.scope === 'field' ? <TextProp label="orgField" value={a.orgField ?? ''} readOnly={readOnly} errors={err('assignment.orgField')} onChange={(v) => setAssignment({ ...a, orgField: v || undefined })} /> : null}
          </>
        ) : null}
        {a.type === 'user' ? <TextProp label={t('assignUser')} value={a.userIds.join(', ')} readOnly={readOnly} placeholder="u1, u2" errors={err('assignment.userIds')} onChange={(v) => setAssignment({ ...a, userIds: v.split(/[,，\s]+/).filter(Boolean) })} /> : null}
        {a.type === 'expression' ? <TextProp label={t('assignExpression')} value={a.expr} readOnly={readOnly} errors={err('assignment.expr')} onChange={(v) => setAssignment({ ...a, expr: v })} /> : null}
        {err('assignment').length && !a ? <FieldErrors messages={err('assignment')} /> : null}
      </fieldset>

      <fieldset className="group" data-testid="prop-form-fields">
        <legend>{t('formFields')}</legend>
        {fields.length === 0 ? <span className="muted">—</span> : null}
        {fields.map((f) => {
          const on = node.form.includes(f.key);
          const req = node.requiredFields.includes(f.key);
          return (
            <div className="row" key={f.key}>
              <CheckProp
                label={f.label}
                checked={on}
                disabled={readOnly}
                onChange={(v) => edit('form', (n) => ({ ...n, form: v ? [...(n as HumanNode).form, f.key] : (n as HumanNode).form.filter((k) => k !== f.key), requiredFields: v ? (n as HumanNode).requiredFields : (n as HumanNode).requiredFields.filter((k) => k !== f.key) }) as DslNode)}
              />
              {on ? (
                <CheckProp
                  label={t('required')}
                  checked={req}
                  disabled={readOnly}
                  onChange={(v) => edit('requiredFields', (n) => ({ ...n, requiredFields: v ? [...(n as HumanNode).requiredFields, f.key] : (n as HumanNode).requiredFields.filter((k) => k !== f.key) }) as DslNode)}
                />
              ) : null}
            </div>
          );
        })}
        <FieldErrors messages={[...err('form'), ...err('requiredFields')]} />
      </fieldset>

      <fieldset className="group" data-testid="prop-deadline">
        <legend>{t('deadline')}</legend>
        <CheckProp
          label={t('hasDeadline')}
          checked={!!dl}
          disabled={readOnly}
          testId="prop-deadline-toggle"
          onChange={(v) => setDeadline(v ? { duration: { amount: 5, unit: 'workingDays' }, reminders: [], timeoutAction: 'escalate', warnAtFraction: 0.8 } : undefined)}
        />
        {dl ? (
          <>
            <DurationProp label={t('duration')} value={dl.duration} readOnly={readOnly} testId="prop-deadline-duration" errors={err('deadline.duration')} onChange={(v) => setDeadline({ ...dl, duration: v })} />
            {dl.source || dl.provenance ? (
              <span className="field-hint">
                {dl.provenance ? <span className={`prov prov-${dl.provenance}`}>{PROVENANCE_LABEL[dl.provenance][lang]}</span> : null} {plainNote(dl.source)}
              </span>
            ) : null}
            <DeadlineClock id={id} dl={dl} onChange={setDeadline} readOnly={readOnly} err={err} />
            <div className="field">
              <span className="field-label">{t('reminders')}</span>
              {dl.reminders.map((r, i) => (
                <div className="row" key={i}>
                  <DurationProp label="" value={r} readOnly={readOnly} onChange={(v) => setDeadline({ ...dl, reminders: dl.reminders.map((x, j) => (j === i ? v : x)) })} />
                  {!readOnly ? (
                    <button type="button" className="btn-text" onClick={() => setDeadline({ ...dl, reminders: dl.reminders.filter((_, j) => j !== i) })}>
                      ×
                    </button>
                  ) : null}
                </div>
              ))}
              {!readOnly ? (
                <button type="button" className="btn btn-small" onClick={() => setDeadline({ ...dl, reminders: [...dl.reminders, { amount: 1, unit: 'workingDays' }] })}>
                  + {t('addReminder')}
                </button>
              ) : null}
              <FieldErrors messages={err('deadline.reminders')} />
            </div>
            <SelectProp label={t('escalateToRole')} value={dl.escalateToRole ?? ''} options={roleOptions} disabled={readOnly} testId="prop-deadline-escalate" errors={err('deadline.escalateToRole')} onChange={(v) => setDeadline({ ...dl, escalateToRole: v || undefined })} />
            <SelectProp
              label={t('timeoutAction')}
              value={dl.timeoutAction}
              disabled={readOnly}
              testId="prop-deadline-timeout"
              options={TimeoutActionSchema.options.map((o) => ({ value: o, label: TIMEOUT_LABEL[o][lang] }))}
              errors={err('deadline.timeoutAction')}
              onChange={(v) => setDeadline({ ...dl, timeoutAction: v })}
            />
            {dl.timeoutAction === 'autoReturn' ? (
              <SelectProp
                label={t('returnTarget')}
                value={dl.returnTo ?? ''}
                disabled={readOnly}
                options={[{ value: '', label: '—' }, ...allNodes.filter((n) => n.id !== id).map((n) => ({ value: n.id, label: n.name }))]}
                errors={err('deadline.returnTo')}
                onChange={(v) => setDeadline({ ...dl, returnTo: v || undefined })}
              />
            ) : null}
          </>
        ) : null}
      </fieldset>

      <fieldset className="group">
        <legend>{t('operations')}</legend>
        <div className="chips">
          {OperationSchema.options.map((op) => (
            <CheckProp
              key={op}
              label={OPERATION_LABEL[op][lang]}
              checked={node.operations.includes(op)}
              disabled={readOnly}
              testId={`prop-op-${op}`}
              onChange={(v) => edit('operations', (n) => ({ ...n, operations: v ? [...(n as HumanNode).operations, op] : (n as HumanNode).operations.filter((o) => o !== op) }) as DslNode)}
            />
          ))}
        </div>
        <FieldErrors messages={err('operations')} />
        {node.operations.includes('return') ? (
          <div className="field">
            <span className="field-label">{t('returnTargets')}</span>
            <div className="chips">
              {allNodes
                .filter((n) => n.id !== id && (n.kind === 'task' || n.kind === 'vote' || n.kind === 'publicity'))
                .map((n) => (
                  <CheckProp
                    key={n.id}
                    label={n.name}
                    checked={node.returnTargets.includes(n.id)}
                    disabled={readOnly}
                    onChange={(v) => edit('returnTargets', (x) => ({ ...x, returnTargets: v ? [...(x as HumanNode).returnTargets, n.id] : (x as HumanNode).returnTargets.filter((r) => r !== n.id) }) as DslNode)}
                  />
                ))}
            </div>
            <FieldErrors messages={err('returnTargets')} />
            <CheckProp
              label={t('returnToAny')}
              checked={node.returnToAny === true}
              disabled={readOnly}
              testId="prop-return-any"
              onChange={(v) => edit('returnToAny', (x) => ({ ...x, returnToAny: v || undefined }) as DslNode)}
            />
            <FieldErrors messages={err('returnToAny')} />
          </div>
        ) : null}
      </fieldset>
    </>
  );
}

function meta0(options: { value: string }[]): string {
  return options.find((o) => o.value)?.value ?? 'ROLE';
}

export function TaskSection({ node, err, edit }: { node: Extract<DslNode, { kind: 'task' }>; err: Err; edit: Edit }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const readOnly = useEditor((s) => s.readOnly);
  const cs = node.countersign;
  const setActions = (actions: typeof node.actions) => edit('actions', (n) => ({ ...n, actions }) as DslNode);
  return (
    <>
      <fieldset className="group">
        <legend>{t('countersign')}</legend>
        <SelectProp
          label={t('countersign')}
          value={cs.mode}
          disabled={readOnly}
          testId="prop-countersign"
          options={(['single', 'all', 'any', 'sequential', 'ratio'] as const).map((m) => ({ value: m, label: COUNTERSIGN_LABEL[m][lang] }))}
          errors={err('countersign')}
          onChange={(m) => edit('countersign', (n) => ({ ...n, countersign: (m === 'ratio' ? { mode: 'ratio', ratio: 0.5 } : { mode: m }) as Countersign }) as DslNode)}
        />
        {cs.mode === 'ratio' ? <NumberProp label={t('ratio')} value={cs.ratio} step={0.05} readOnly={readOnly} errors={err('countersign.ratio')} onChange={(v) => edit('countersign', (n) => ({ ...n, countersign: { mode: 'ratio', ratio: v } }) as DslNode)} /> : null}
      </fieldset>
      <fieldset className="group" data-testid="prop-actions">
        <legend>{t('actions')}</legend>
        {node.actions.map((a, i) => (
          <div className="action-row" key={i}>
            <input aria-label={t('actionCode')} value={a.name} readOnly={readOnly} onChange={(e) => setActions(node.actions.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} className="w-id" />
            <input aria-label={t('actionText')} value={a.label} readOnly={readOnly} onChange={(e) => setActions(node.actions.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />
            <CheckProp label={t('approve')} checked={a.approve} disabled={readOnly} onChange={(v) => setActions(node.actions.map((x, j) => (j === i ? { ...x, approve: v } : x)))} />
            <CheckProp label={t('requireComment')} checked={a.requireComment} disabled={readOnly} onChange={(v) => setActions(node.actions.map((x, j) => (j === i ? { ...x, requireComment: v } : x)))} />
            {!readOnly && node.actions.length > 1 ? (
              <button type="button" className="btn-text" onClick={() => setActions(node.actions.filter((_, j) => j !== i))}>
                ×
              </button>
            ) : null}
            <FieldErrors messages={err(`actions.${i}`)} />
          </div>
        ))}
        {!readOnly ? (
          <button type="button" className="btn btn-small" onClick={() => setActions([...node.actions, { name: `action${node.actions.length + 1}`, label: '新按钮', approve: true, requireComment: false }])}>
            + {t('addAction')}
          </button>
        ) : null}
        <FieldErrors messages={err('actions').filter(() => true)} />
      </fieldset>
    </>
  );
}

export function VoteSection({ vote, err, roleOptions, onChange }: { vote: VoteSpec; err: Err; roleOptions: { value: string; label: string }[]; onChange: (field: string, v: VoteSpec) => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const readOnly = useEditor((s) => s.readOnly);
  const set = (field: string, patch: Partial<VoteSpec>) => onChange(`vote.${field}`, { ...vote, ...patch });
  const quorum = vote.quorum;
  return (
    <fieldset className="group" data-testid="prop-vote">
      <legend>{t('voteMode')}</legend>
      {!readOnly ? (
        <SelectProp
          label={t('votePreset')}
          value=""
          testId="prop-vote-preset"
          options={[{ value: '', label: lang === 'zh' ? '选择预设…' : 'Choose a preset…' }, ...VOTE_PRESETS.map((p) => ({ value: p.id, label: plainNote(p[lang]) ?? p[lang] }))]}
          onChange={(id) => {
            const p = VOTE_PRESETS.find((x) => x.id === id);
            if (p) set('preset', { meetingType: p.meetingType, quorum: p.quorum ? structuredClone(p.quorum) : vote.quorum, pass: p.pass ? structuredClone(p.pass) : vote.pass, groups: p.groups ? structuredClone(p.groups) : vote.groups });
          }}
        />
      ) : null}
      <SelectProp label={t('voteMode')} value={vote.mode} disabled={readOnly} options={[{ value: 'tally', label: lang === 'zh' ? '当场计票（计票+监票）' : 'tally + scrutineer' }, { value: 'ballots', label: lang === 'zh' ? '个人投票' : 'individual ballots' }]} onChange={(v) => set('mode', { mode: v })} />
      <CheckProp label={t('secret')} checked={vote.secret} disabled={readOnly} onChange={(v) => set('secret', { secret: v })} />
      <TextProp label={t('meetingType')} value={vote.meetingType ?? ''} readOnly={readOnly} testId="prop-vote-meeting" errors={err('vote.meetingType')} onChange={(v) => set('meetingType', { meetingType: v || undefined })} />
      <SelectProp
        label={t('voteOptions')}
        value={vote.options.type}
        disabled={readOnly}
        options={[{ value: 'yesNo', label: lang === 'zh' ? '赞成/反对/弃权' : 'yes/no/abstain' }, { value: 'candidates', label: lang === 'zh' ? '候选人' : 'candidates' }]}
        onChange={(v) => set('options', { options: v === 'yesNo' ? { type: 'yesNo' } : { type: 'candidates', seats: 1, maxPicks: 1 } })}
      />
      {vote.options.type === 'candidates' ? (
        <div className="row">
          <NumberProp label={t('seats')} value={vote.options.seats} readOnly={readOnly} errors={err('vote.options.seats')} onChange={(v) => vote.options.type === 'candidates' && set('options', { options: { ...vote.options, seats: v } })} />
          <NumberProp label={t('maxPicks')} value={vote.options.maxPicks} readOnly={readOnly} errors={err('vote.options.maxPicks')} onChange={(v) => vote.options.type === 'candidates' && set('options', { options: { ...vote.options, maxPicks: v } })} />
        </div>
      ) : null}
      <div className="field" data-testid="prop-vote-quorum">
        <span className="field-label">{t('quorum')}</span>
        {quorum ? (
          <>
            {quorum.rules.length > 1 ? (
              <SelectProp label="" value={quorum.combine} disabled={readOnly} options={[{ value: 'all', label: lang === 'zh' ? '同时满足' : 'all' }, { value: 'any', label: lang === 'zh' ? '满足其一' : 'any' }]} onChange={(v) => set('quorum', { quorum: { ...quorum, combine: v } })} />
            ) : null}
            {quorum.rules.map((r, i) => (
              <RuleProp key={i} label={`#${i + 1}`} rule={r} readOnly={readOnly} errors={err(`vote.quorum.rules.${i}`)} onChange={(nr) => set('quorum', { quorum: { ...quorum, rules: quorum.rules.map((x, j) => (j === i ? nr : x)) } })} />
            ))}
          </>
        ) : (
          <span className="muted">—</span>
        )}
        <FieldErrors messages={err('vote.quorum').filter((m) => !quorum || true)} />
      </div>
      <RuleProp label={t('passRule')} rule={vote.pass} readOnly={readOnly} testId="prop-vote-pass" errors={err('vote.pass')} onChange={(r) => set('pass', { pass: r })} />
      <SelectProp label="计票人角色" value={vote.tellerRole ?? ''} options={roleOptions} disabled={readOnly} errors={err('vote.tellerRole')} onChange={(v) => set('tellerRole', { tellerRole: v || undefined })} />
      <SelectProp label="监票人角色" value={vote.scrutineerRole ?? ''} options={roleOptions} disabled={readOnly} errors={err('vote.scrutineerRole')} onChange={(v) => set('scrutineerRole', { scrutineerRole: v || undefined })} />
      <NumberProp label="另行选举轮次" value={vote.maxRevotes} readOnly={readOnly} errors={err('vote.maxRevotes')} onChange={(v) => set('maxRevotes', { maxRevotes: v })} />
    </fieldset>
  );
}
