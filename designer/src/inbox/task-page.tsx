/**
 * One task: the generated form and the node's action buttons, the operations the node allows
 * (退回, 转办, 委托, 加签, 评论), vote screens for a vote node, objections for a publicity node,
 * with the case summary and timeline alongside.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HumanNode } from '../../../dsl/schema.js';
import { client, errorMessage, fieldErrors } from '../lib/api.js';
import type { CaseDetail, TaskDetail } from '../../../api/index.js';
import type { TaskUpdateBody, TaskUpdateSlug } from '../../../workflows/messages/updates.js';
import { taskHealth } from '../lib/health.js';
import { ObjectionForm } from './objection-form.js';
import { formatDateTime } from '../lib/format.js';
import { personName } from '../lib/people.js';
import { OUTCOME_LABEL, STATUS_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { DueBadge, Dialog, ErrorBanner, Field, Loading, Notice } from '../shell/ui.js';
import { FieldInput } from './field-input.js';
import { Timeline } from '../case/timeline.js';
import { VoteSection } from './vote-panel.js';

type OpDialog = 'return' | 'transfer' | 'delegate' | 'addSigner' | 'comment' | null;

/**
 * Only the people the task may be handed to (the API's eligible users: the case's units, a role that
 * may work on this node) — never an id typed by hand.
 */
function UserPicker({ caseId, taskId, purpose, value, onChange, testId }: { caseId: string; taskId: string; purpose: 'transfer' | 'delegate' | 'addSigner'; value: string; onChange: (v: string) => void; testId: string }) {
  const t = useT();
  const { data, error } = useAsync(() => client.eligibleUsers(caseId, taskId, purpose), [caseId, taskId, purpose]);
  const users = data?.items ?? [];
  return (
    <>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} required>
        <option value="">—</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} · {u.roleName} · {u.orgUnitName}
          </option>
        ))}
      </select>
      {error ? <ErrorBanner message={error} /> : data && users.length === 0 ? <small>{t('noEligibleUsers')}</small> : null}
    </>
  );
}

export function TaskPage() {
  const { caseId = '', taskId = '' } = useParams();
  const t = useT();
  const lang = useLang((s) => s.lang);
  const me = useSession((s) => s.me);
  const url = `/api/tasks/${encodeURIComponent(caseId)}/${encodeURIComponent(taskId)}`;
  const { data, error: loadError, reload } = useAsync(() => client.task(caseId, taskId), [url]);
  // Node names for the timeline and 退回 targets; the task view carries only its own node.
  const caseDef = useAsync(() => client.caseDetail(caseId).then((c) => c.definition).catch(() => undefined), [caseId]);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<OpDialog>(null);

  // Fill the form from the case data once per task: a reload after 评论 must not wipe what was typed.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!data || filledFor.current === url) return;
    filledFor.current = url;
    setValues(data.data ?? {});
  }, [data, url]);

  const act = async <S extends TaskUpdateSlug>(slug: S, body: TaskUpdateBody<S>, done?: string) => {
    setBusy(true);
    setError(undefined);
    setErrs({});
    try {
      await client.taskUpdate(caseId, taskId, slug, body);
      setDialog(null);
      if (done) setNotice(done);
      await reload();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      setErrs(fieldErrors(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (loadError && !data) return <ErrorBanner message={loadError} />;
  if (!data) return <Loading />;
  const { task, node, fields, vote } = data;
  const human = node as HumanNode;
  const open = task.status === 'open' || task.status === 'claimed';
  const claimedByMe = task.claimedBy === me?.id;
  const ops = new Set(human.operations ?? []);
  const required = new Set(human.requiredFields ?? []);
  const formFields = fields;
  const spec = node.kind === 'vote' ? node.vote : undefined;
  const candidates = vote?.candidates ?? (spec?.options.type === 'candidates' ? (spec.options.candidates ?? []) : []);
  const nodeName = (id: string) => caseDef.data?.nodes.find((n) => n.id === id)?.name ?? (id === node.id ? node.name : undefined);
  const actionLabel = (name: string | undefined) => (node.kind === 'task' ? node.actions.find((a) => a.name === name)?.label : undefined) ?? (name ? (OUTCOME_LABEL[name]?.[lang] ?? name) : '');

  return (
    <div className="page task-page" data-testid="task-page" data-task-status={task.status} data-kind={task.kind}>
      <div className="page-head">
        <Link to="/inbox" className="btn-text">
          ← {t('navInbox')}
        </Link>
        <h1 data-testid="task-title">{task.nodeName}</h1>
        <span className={`tag tag-${task.status}`} data-testid="task-status">
          {STATUS_LABEL[task.status]?.[lang] ?? task.status}
        </span>
        {open ? <DueBadge dueAt={task.dueAt ?? null} health={taskHealth(task, Date.now(), data.case.status === 'suspended')} /> : null}
      </div>
      <ErrorBanner message={error} onClose={() => setError(undefined)} />
      <Notice message={notice} />
      <div className="two-col">
        <section className="panel">
          {open && !task.claimedBy ? (
            <div className="claim-bar">
              <span className="muted">{lang === 'zh' ? '此事项尚未签收' : 'Not claimed yet'}</span>
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act('claim', {}, '已签收')} data-testid="claim">
                {t('claim')}
              </button>
            </div>
          ) : null}
          {open && claimedByMe ? (
            <div className="claim-bar">
              <span className="muted">{lang === 'zh' ? '已由您签收' : 'Claimed by you'}</span>
              <button type="button" className="btn-text" disabled={busy} onClick={() => void act('unclaim', {})} data-testid="unclaim">
                {t('unclaim')}
              </button>
            </div>
          ) : null}

          {data.publicity ? (
            <div className="publicity" data-testid="publicity">
              <h3>{t('publicityPeriod')}</h3>
              <p>
                {formatDateTime(data.publicity.startsAt, lang)} — {formatDateTime(data.publicity.endsAt, lang)}
              </p>
              <h4>
                {t('objections')} ({data.publicity.objections.length})
              </h4>
              <ul className="plain" data-testid="objections">
                {data.publicity.objections.map((o) => (
                  <li key={o.id}>
                    <small>{formatDateTime(o.at, lang)} · {o.by}</small>
                    <p>{o.content}</p>
                  </li>
                ))}
              </ul>
              {open ? <ObjectionForm caseId={caseId} nodeId={node.id} onDone={() => void reload()} /> : null}
            </div>
          ) : null}

          {spec && vote ? (
            <VoteSection
              spec={vote.spec ?? spec}
              vote={vote}
              open={open}
              me={me}
              candidates={candidates}
              fields={formFields}
              required={required}
              caseData={data.data ?? {}}
              errors={errs}
              busy={busy}
              onTally={(groups, fieldData, c) => void act('tally', { groups, ...(fieldData ? { data: fieldData } : {}), ...(c ? { comment: c } : {}) }, t('tallySubmittedNotice'))}
              onConfirm={(confirm, c) => void act('confirm-tally', { confirm, ...(c ? { comment: c } : {}) })}
              onCast={(choice) => void act('ballot', { choice }, t('ballotCastNotice'))}
              onClose={() => void act('close-ballot', {})}
            />
          ) : null}

          {formFields.length && !(spec && vote && open && (vote.status !== 'decided')) ? (
            <form className="task-form" data-testid="task-form" onSubmit={(e) => e.preventDefault()}>
              <h3>{t('form')}</h3>
              {formFields.map((f) => (
                <FieldInput key={f.key} field={f} value={values[f.key]} required={required.has(f.key) || f.required} readOnly={!open || node.kind !== 'task'} error={errs[`data.${f.key}`] ?? errs[f.key]} onChange={(v) => setValues({ ...values, [f.key]: v })} />
              ))}
            </form>
          ) : null}

          {open && node.kind === 'task' ? (
            <div className="actions" data-testid="task-actions">
              <Field label={t('comment')} error={errs.comment}>
                <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="complete-comment" />
              </Field>
              <div className="row wrap">
                {node.actions.map((a) => (
                  <button
                    type="button"
                    key={a.name}
                    className={`btn btn-big ${a.approve ? 'btn-go' : 'btn-danger'}`}
                    disabled={busy}
                    data-testid={`action-${a.name}`}
                    onClick={() => {
                      if (a.requireComment && !comment.trim()) {
                        setErrs({ comment: '此操作须填写意见' });
                        return;
                      }
                      const data: Record<string, unknown> = {};
                      for (const f of formFields) if (values[f.key] !== undefined) data[f.key] = values[f.key];
                      void act('complete', { action: a.name, data, ...(comment.trim() ? { comment: comment.trim() } : {}) }, `已${a.label}`);
                    }}
                  >
                    {a.label}
                  </button>
                ))}
              </div>
            </div>
          ) : null}


          {open ? (
            <div className="ops row wrap" data-testid="task-ops">
              {ops.has('return') && human.returnTargets?.length ? (
                <button type="button" className="btn" onClick={() => setDialog('return')} data-testid="op-return">
                  {t('returnTo')}
                </button>
              ) : null}
              {ops.has('transfer') ? (
                <button type="button" className="btn" onClick={() => setDialog('transfer')} data-testid="op-transfer">
                  {t('transfer')}
                </button>
              ) : null}
              {ops.has('delegate') ? (
                <button type="button" className="btn" onClick={() => setDialog('delegate')} data-testid="op-delegate">
                  {t('delegate')}
                </button>
              ) : null}
              {ops.has('addSigner') ? (
                <button type="button" className="btn" onClick={() => setDialog('addSigner')} data-testid="op-addSigner">
                  {t('addSigner')}
                </button>
              ) : null}
              {ops.has('comment') ? (
                <button type="button" className="btn" onClick={() => setDialog('comment')} data-testid="op-comment">
                  {t('addComment')}
                </button>
              ) : null}
            </div>
          ) : (
            <p className="muted" data-testid="task-closed">
              {task.completedBy ? `${personName(data.timeline, task.completedBy)} · ${formatDateTime(task.completedAt, lang)}` : ''} {actionLabel(task.action)}
            </p>
          )}
        </section>
        <aside className="panel">
          <h3>{t('caseSummary')}</h3>
          <dl className="kv" data-testid="case-summary">
            <dt>{t('title')}</dt>
            <dd>
              <Link to={`/cases/${encodeURIComponent(caseId)}`} data-testid="case-link">
                {data.case.title}
              </Link>
            </dd>
            <dt>{t('procedure')}</dt>
            <dd>{data.case.procedureTitle ?? data.case.procedure}</dd>
            <dt>{t('village')}</dt>
            <dd>{data.case.orgUnitName ?? data.case.orgUnit}</dd>
            <dt>{t('stage')}</dt>
            <dd>{data.case.stage}</dd>
            <dt>{t('startedAt')}</dt>
            <dd>{formatDateTime(data.case.startedAt, lang)}</dd>
            <dt>{t('dueAt')}</dt>
            <dd>{formatDateTime(task.dueAt, lang)}</dd>
          </dl>
          <h3>{t('timeline')}</h3>
          <Timeline entries={data.timeline} nodeName={nodeName} />
        </aside>
      </div>
      {dialog ? <OperationDialog kind={dialog} caseId={caseId} taskId={taskId} targets={(human.returnTargets ?? []).map((id) => ({ id, name: nodeName(id) ?? id }))} busy={busy} errs={errs} onClose={() => setDialog(null)} onSubmit={(path, body) => void act(path, body, '已提交')} /> : null}
    </div>
  );
}

function OperationDialog({ kind, caseId, taskId, targets, onClose, onSubmit, busy, errs }: { kind: Exclude<OpDialog, null>; caseId: string; taskId: string; targets: { id: string; name: string }[]; onClose: () => void; onSubmit: (slug: 'return' | 'transfer' | 'delegate' | 'add-signer' | 'comment', body: TaskUpdateBody<'return' | 'transfer' | 'delegate' | 'add-signer' | 'comment'>) => void; busy: boolean; errs: Record<string, string> }) {
  const t = useT();
  const [user, setUser] = useState('');
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState(targets[0]?.id ?? '');
  const title = { return: t('returnTo'), transfer: t('transfer'), delegate: t('delegate'), addSigner: t('addSigner'), comment: t('addComment') }[kind];
  const submit = () => {
    switch (kind) {
      case 'return':
        return onSubmit('return', { toNodeId: target, reason });
      case 'transfer':
        return onSubmit('transfer', { toUserId: user, ...(reason ? { reason } : {}) });
      case 'delegate':
        return onSubmit('delegate', { toUserId: user, ...(reason ? { reason } : {}) });
      case 'addSigner':
        return onSubmit('add-signer', { userIds: [user], ...(reason ? { reason } : {}) });
      case 'comment':
        return onSubmit('comment', { comment: reason });
      default: {
        const never: never = kind;
        return never;
      }
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId={`dialog-${kind}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {kind === 'return' ? (
          <Field label={t('returnTarget')} error={errs.toNodeId}>
            <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="return-target">
              {targets.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {kind === 'transfer' || kind === 'delegate' || kind === 'addSigner' ? (
          <Field label={t('toUser')} error={errs.toUserId ?? errs.userIds}>
            <UserPicker caseId={caseId} taskId={taskId} purpose={kind as 'transfer' | 'delegate' | 'addSigner'} value={user} onChange={setUser} testId="op-user" />
          </Field>
        ) : null}
        <Field label={kind === 'comment' ? t('comment') : t('reason')} error={errs.reason ?? errs.comment}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required={kind === 'return' || kind === 'comment'} data-testid="op-reason" />
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="op-submit">
            {t('submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
