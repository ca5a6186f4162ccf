/**
 * One task: the generated form and the node's action buttons, the operations the node allows
 * (退回, 转办, 委托, 加签, 减签, 评论), vote screens for a vote node, objections for a publicity node,
 * with the case summary and timeline alongside. What is offered comes from the API's `viewer` (the
 * engine's own rules for the signed-in person): after a 转办 the old holder sees who holds it and no
 * buttons; on a step they completed, 拿回 while the next step is untouched.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { HumanNode } from '../../../dsl/schema.js';
import { client, errorMessage, fieldErrors } from '../lib/api.js';
import type { CaseDetail, TaskDetail } from '../../../api/index.js';
import type { TaskUpdateBody, TaskUpdateSlug } from '../../../workflows/messages/updates.js';
import { taskHealth } from '../lib/health.js';
import { ObjectionForm } from './objection-form.js';
import { formatDateTime } from '../lib/format.js';
import { OUTCOME_LABEL, STATUS_LABEL, TIMELINE_LABEL } from '../lib/labels.js';
import { fill, useLang, useT } from '../lib/i18n.js';
import { useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { useCaseEvents } from '../lib/use-case-events.js';
import { DueBadge, Dialog, ErrorBanner, Field, Loading, Notice } from '../shell/ui.js';
import { FieldInput } from './field-input.js';
import { PeoplePicker } from './people-picker.js';
import { Timeline } from '../case/timeline.js';
import { VoteSection } from './vote-panel.js';

type OpDialog = 'return' | 'transfer' | 'delegate' | 'addSigner' | 'removeSigner' | 'comment' | 'takeBack' | null;
type DialogSlug = 'return' | 'transfer' | 'delegate' | 'add-signer' | 'remove-signer' | 'comment' | 'take-back';

export function TaskPage() {
  const { caseId = '', taskId = '' } = useParams();
  const t = useT();
  const lang = useLang((s) => s.lang);
  const me = useSession((s) => s.me);
  const navigate = useNavigate();
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

  // Someone else may change the task meanwhile (a supervisor's 转办, the previous handler's 拿回):
  // the case's change stream reloads the page at once — the buttons follow; a look every 60 s
  // covers a stream that a proxy cut.
  useCaseEvents(caseId, reload);
  const liveStatus = data?.task.status;
  useEffect(() => {
    if (liveStatus !== 'open' && liveStatus !== 'claimed') return;
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, 60_000);
    return () => window.clearInterval(id);
  }, [liveStatus, reload]);

  const act = async <S extends TaskUpdateSlug>(slug: S, body: TaskUpdateBody<S>, done?: string) => {
    setBusy(true);
    setError(undefined);
    setErrs({});
    try {
      const res = await client.taskUpdate(caseId, taskId, slug, body);
      setDialog(null);
      if (done) setNotice(done);
      // 拿回 reopens the step as a new task, claimed by whoever took it back: go there.
      const reopened = slug === 'take-back' ? res.state.tasks.findLast((x) => x.nodeId === res.state.tasks.find((y) => y.id === taskId)?.nodeId && x.id !== taskId && x.claimedBy === me?.id) : undefined;
      if (reopened) navigate(`/tasks/${encodeURIComponent(caseId)}/${encodeURIComponent(reopened.id)}`);
      else await reload();
      return true;
    } catch (err) {
      const byField = fieldErrors(err);
      setError(errorMessage(err));
      setErrs(byField);
      // The first form field in error comes into view (the form may be scrolled past it).
      const first = data?.fields.find((f) => byField[`data.${f.key}`] ?? byField[f.key]);
      if (first) requestAnimationFrame(() => document.querySelector(`[data-testid="field-${first.key}"]`)?.scrollIntoView({ block: 'center' }));
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
  // What this person may do now (the engine's rules, asked by the API); the node's list otherwise.
  const viewer = data.viewer;
  const canClaim = viewer ? viewer.canClaim : open && !task.claimedBy;
  const canUnclaim = viewer ? viewer.canUnclaim : open && claimedByMe;
  const canAct = viewer ? viewer.canAct : open;
  const ops = new Set(viewer ? viewer.ops : (human.operations ?? []));
  // The one this person acts for: an out-of-office rule made them a stand-in, or the task was 委托ed to them.
  const actingFor = me ? (task.actingFor?.[me.id] ?? (task.delegatedFrom && task.delegatedFrom !== me.id && canAct ? task.delegatedFrom : undefined)) : undefined;
  // A step closed without completion (退回 from it, 拿回 of it): who closed it and how.
  const closedBy = task.completedBy ? undefined : data.timeline.findLast((e) => e.taskId === task.id && (e.type === 'task.returned' || e.type === 'task.takenBack'));
  // Who has it now: the claimant, else the people it waits for (after a 转办: the receiver).
  const holderName = viewer ? (viewer.holder ?? task.assignees.map((id) => viewer.names[id]).filter(Boolean).join('、')) : undefined;
  const targets = viewer ? viewer.returnTargets.map((x) => ({ id: x.nodeId, name: x.name })) : (human.returnTargets ?? []).map((id) => ({ id, name: id }));
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
        <h1 data-testid="task-title" translate="no">{task.nodeName}</h1>
        <span className={`tag tag-${task.status}`} data-testid="task-status">
          {STATUS_LABEL[task.status]?.[lang] ?? task.status}
        </span>
        {open ? <DueBadge dueAt={task.dueAt ?? null} health={taskHealth(task, Date.now(), data.case.status === 'suspended')} /> : null}
      </div>
      <ErrorBanner message={error} onClose={() => setError(undefined)} />
      <Notice message={notice} />
      <div className="two-col">
        <section className="panel">
          {canClaim ? (
            <div className="claim-bar">
              <span className="muted">{lang === 'zh' ? '此事项尚未签收' : 'Not claimed yet'}</span>
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act('claim', {}, '已签收')} data-testid="claim">
                {t('claim')}
              </button>
            </div>
          ) : null}
          {canUnclaim ? (
            <div className="claim-bar">
              <span className="muted">{lang === 'zh' ? '已由您签收' : 'Claimed by you'}</span>
              <button type="button" className="btn-text" disabled={busy} onClick={() => void act('unclaim', {})} data-testid="unclaim">
                {t('unclaim')}
              </button>
            </div>
          ) : null}

          {open && actingFor ? (
            <p className="muted" data-testid="acting-for">
              {t('actingForHint')} {viewer?.names[actingFor] ?? ''}
            </p>
          ) : null}
          {open && viewer && !canAct && !canClaim ? (
            <div className="claim-bar" data-testid="not-yours">
              <span className="muted">{t('notYours')}</span>
              {holderName ? (
                <span data-testid="task-holder">
                  {t('heldBy')}
                  {holderName}
                </span>
              ) : null}
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
                <FieldInput key={f.key} field={f} value={values[f.key]} required={required.has(f.key) || f.required} readOnly={!open || !canAct || node.kind !== 'task'} error={errs[`data.${f.key}`] ?? errs[f.key]} onChange={(v) => setValues({ ...values, [f.key]: v })} />
              ))}
            </form>
          ) : null}

          {open && canAct && node.kind === 'task' ? (
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
                      void act('complete', { action: a.name, data, ...(comment.trim() ? { comment: comment.trim() } : {}) }, fill(t('actionDone'), { action: a.label }));
                    }}
                  >
                    <span translate="no">{a.label}</span>
                  </button>
                ))}
              </div>
            </div>
          ) : null}


          {open ? (
            <div className="ops row wrap" data-testid="task-ops">
              {ops.has('return') && targets.length ? (
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
              {ops.has('removeSigner') ? (
                <button type="button" className="btn" onClick={() => setDialog('removeSigner')} data-testid="op-removeSigner">
                  {t('removeSigner')}
                </button>
              ) : null}
              {ops.has('comment') ? (
                <button type="button" className="btn" onClick={() => setDialog('comment')} data-testid="op-comment">
                  {t('addComment')}
                </button>
              ) : null}
            </div>
          ) : (
            <>
              <p className="muted" data-testid="task-closed">
                {task.completedBy ? `${t('doneBy')} ${viewer?.names[task.completedBy] ?? task.completedBy} · ${formatDateTime(task.completedAt, lang)} ${actionLabel(task.action)}` : closedBy ? `${closedBy.actorName ?? ''} · ${formatDateTime(closedBy.at, lang)} · ${TIMELINE_LABEL[closedBy.type]?.[lang] ?? ''}${typeof closedBy.detail?.toName === 'string' ? ` ${t('arrowTo')} ${closedBy.detail.toName}` : ''}` : (STATUS_LABEL[task.status]?.[lang] ?? '')}
              </p>
              {viewer?.takeBack ? (
                <div className="claim-bar" data-testid="take-back-bar" data-allowed={viewer.takeBack.allowed}>
                  {viewer.takeBack.allowed ? (
                    <>
                      <span>
                        {t('takeBackOffer')}
                        {viewer.takeBack.nextNodeName}
                      </span>
                      <button type="button" className="btn btn-primary" disabled={busy} onClick={() => setDialog('takeBack')} data-testid="take-back">
                        {t('takeBack')}
                      </button>
                    </>
                  ) : (
                    <span className="muted">
                      {t('takeBackTooLate')}
                      {viewer.takeBack.reason}
                    </span>
                  )}
                </div>
              ) : null}
            </>
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
            <dt>{t('unit')}</dt>
            <dd>{data.case.orgUnitName ?? data.case.orgUnit}</dd>
            <dt>{t('stage')}</dt>
            <dd>{data.case.stage}</dd>
            <dt>{t('startedAt')}</dt>
            <dd>{formatDateTime(data.case.startedAt, lang)}</dd>
            <dt>{t('dueAt')}</dt>
            <dd>{formatDateTime(task.dueAt, lang)}</dd>
          </dl>
          <h3>{t('timeline')}</h3>
          <Timeline entries={data.timeline} nodeName={nodeName} personName={(id) => viewer?.names[id]} />
        </aside>
      </div>
      {dialog ? <OperationDialog kind={dialog} caseId={caseId} taskId={taskId} targets={targets.map((x) => ({ id: x.id, name: nodeName(x.id) ?? x.name }))} busy={busy} errs={errs} onClose={() => setDialog(null)} onSubmit={(path, body) => void act(path, body, dialog === 'takeBack' ? t('takenBack') : t('submitted'))} /> : null}
    </div>
  );
}

function OperationDialog({ kind, caseId, taskId, targets, onClose, onSubmit, busy, errs }: { kind: Exclude<OpDialog, null>; caseId: string; taskId: string; targets: { id: string; name: string }[]; onClose: () => void; onSubmit: (slug: DialogSlug, body: TaskUpdateBody<DialogSlug>) => void; busy: boolean; errs: Record<string, string> }) {
  const t = useT();
  const [user, setUser] = useState('');
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState(targets[0]?.id ?? '');
  const title = { return: t('returnTo'), transfer: t('transfer'), delegate: t('delegate'), addSigner: t('addSigner'), removeSigner: t('removeSigner'), comment: t('addComment'), takeBack: t('takeBack') }[kind];
  const needsPerson = kind === 'transfer' || kind === 'delegate' || kind === 'addSigner' || kind === 'removeSigner';
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
      case 'removeSigner':
        return onSubmit('remove-signer', { userIds: [user], reason });
      case 'takeBack':
        return onSubmit('take-back', reason ? { reason } : {});
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
                <option translate="no" key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {kind === 'transfer' || kind === 'delegate' || kind === 'addSigner' || kind === 'removeSigner' ? (
          <Field label={t('toUser')} error={errs.toUserId ?? errs['userIds.0'] ?? errs.userIds}>
            <PeoplePicker caseId={caseId} taskId={taskId} purpose={kind} value={user} onChange={setUser} testId="op-user" />
          </Field>
        ) : null}
        <Field label={kind === 'comment' ? t('comment') : t('reason')} error={errs.reason ?? errs.comment}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required={kind === 'return' || kind === 'comment' || kind === 'removeSigner'} data-testid="op-reason" />
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || (needsPerson && !user)} data-testid="op-submit">
            {t('submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
