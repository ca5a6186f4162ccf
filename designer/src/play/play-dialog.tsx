/**
 * 试运行 in the designer (issue 19): the draft as it stands runs as a sandbox case on the server's
 * time-skipping test server (server/play). The designer does each step as its stand-in holder —
 * the form and the node's actions, a tally and its confirmation, an objection during a 公示 — and
 * moves the sandbox clock to watch reminders, yellow and red deadlines and the end of a 公示.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Definition, FieldDef } from '../../../dsl/schema.js';
import type { PlayView } from '../../../api/play.js';
import type { TaskRecord } from '../../../workflows/types.js';
import { caseLevels, startStep } from '../../../dsl/start-step.js';
import { client as api, errorMessage, fieldErrors } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { HEALTH_LABEL, OUTCOME_LABEL, STATUS_LABEL } from '../lib/labels.js';
import { taskHealth } from '../lib/health.js';
import { useAsync } from '../lib/use-async.js';
import { FieldInput } from '../inbox/field-input.js';
import { TallyEntry } from '../inbox/tally-entry.js';
import { ScrutineerConfirm } from '../inbox/vote-panel.js';
import { Timeline } from '../case/timeline.js';
import { shanghaiToday } from '../forecast/forecast-dialog.js';
import { Dialog, DueBadge, ErrorBanner, Field, Light } from '../shell/ui.js';

type Act = Parameters<typeof api.playAct>[1];

/** The answer's message and each field's problem, once each (the play pins no error to a field). */
function errorText(err: unknown): string {
  return [...new Set([errorMessage(err), ...Object.values(fieldErrors(err))])].join('；');
}

function nowHHMM(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date());
}

export function PlayDialog({ def, onClose }: { def: Definition; onClose: () => void }) {
  const t = useT();
  const [view, setView] = useState<PlayView | undefined>();
  const [ended, setEnded] = useState<PlayView | undefined>();
  // The sandbox lives on the server until it is ended: closing the dialog ends it.
  const close = () => {
    if (view) void api.playEnd(view.playId).catch(() => undefined);
    onClose();
  };
  return (
    <Dialog title={t('playTitle')} onClose={close} testId="play-dialog" wide>
      {view ? (
        <PlayRunning def={def} view={view} setView={setView} onRestart={() => { void api.playEnd(view.playId).catch(() => undefined); setEnded(view); setView(undefined); }} />
      ) : (
        <PlaySetup def={def} onStarted={setView} again={!!ended} />
      )}
    </Dialog>
  );
}

function PlaySetup({ def, onStarted, again }: { def: Definition; onStarted: (v: PlayView) => void; again: boolean }) {
  const t = useT();
  const units = useAsync(() => api.orgUnits(), []);
  const levels = useMemo(() => caseLevels(def), [def]);
  const choices = (units.data ?? []).filter((u) => levels.size === 0 || levels.has(u.level));
  const [orgUnit, setOrgUnit] = useState('');
  const [day, setDay] = useState(() => shanghaiToday());
  const [time, setTime] = useState(nowHHMM);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const step = useMemo(() => startStep(def), [def]);
  const fields = (step?.form ?? []).map((k) => def.fields.find((f) => f.key === k)).filter((f): f is FieldDef => !!f && f.type !== 'table' && f.type !== 'attachment');
  useEffect(() => {
    if (!orgUnit && choices.length > 0) setOrgUnit(choices[0]!.id);
  }, [choices, orgUnit]);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onStarted(await api.playStart({ definition: def as unknown as Record<string, unknown>, orgUnit, data, startAt: `${day}T${time}:00+08:00` }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="play-setup" data-testid="play-setup">
      <p className="muted hint">{t('playIntro')}</p>
      {again ? <p className="muted">{t('playEnded')} {t('playRestart')}</p> : null}
      <div className="forecast-form">
        <Field label={t('playUnit')}>
          <select value={orgUnit} onChange={(e) => setOrgUnit(e.target.value)} data-testid="play-unit">
            {orgUnit ? null : <option value="">{t('playChooseUnit')}</option>}
            {choices.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('playStartDay')} hint={t('playStartPast')}>
          <input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="play-start-day" />
        </Field>
        <Field label={t('playStartTime')}>
          <input type="time" value={time} onChange={(e) => setTime(e.target.value)} data-testid="play-start-time" />
        </Field>
      </div>
      {fields.length ? (
        <fieldset className="group">
          <legend>{t('sampleData')}</legend>
          <div className="forecast-fields">
            {fields.map((f) => (
              <FieldInput key={f.key} field={f} value={data[f.key] as never} onChange={(v) => setData((d) => ({ ...d, [f.key]: v === '' ? undefined : v }))} />
            ))}
          </div>
        </fieldset>
      ) : null}
      <ErrorBanner message={error} />
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" disabled={busy || !orgUnit} onClick={() => void start()} data-testid="play-start">
          {busy ? t('playStarting') : t('playStart')}
        </button>
      </div>
    </div>
  );
}

function PlayRunning({ def, view, setView, onRestart }: { def: Definition; view: PlayView; setView: (v: PlayView) => void; onRestart: () => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { state } = view;
  const now = Date.parse(view.now);
  const nodeName = (id: string) => def.nodes.find((n) => n.id === id)?.name;
  const open = state.tasks.filter((x) => x.status === 'open' || x.status === 'claimed');
  const publicity = state.publicity.filter((p) => !p.outcome);
  const run = async (fn: () => Promise<PlayView>) => {
    setBusy(true);
    setError(undefined);
    try {
      setView(await fn());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const act = (body: Act) => run(() => api.playAct(view.playId, body));
  const advance = (by: 'hour' | 'day' | 'week' | 'next') => run(() => api.playAdvance(view.playId, by));
  const running = state.status === 'running';
  return (
    <div className="play" data-testid="play-running" data-status={state.status}>
      <div className="play-bar">
        <span className="play-clock" data-testid="play-clock">
          {t('playClock')}：<strong>{formatDateTime(view.now, lang)}</strong>
        </span>
        <span className={`tag tag-${state.status}`} data-testid="play-status">
          {STATUS_LABEL[state.status]?.[lang] ?? ''}
          {state.outcome ? ` · ${OUTCOME_LABEL[state.outcome]?.[lang] ?? def.nodes.find((n) => n.kind === 'end' && n.outcome === state.outcome)?.name ?? ''}` : ''}
        </span>
        {running ? <Light health={state.health} testId="play-health" /> : null}
        {running ? <span className="muted">{HEALTH_LABEL[state.health][lang]}</span> : null}
        <span className="play-advance">
          <button type="button" className="btn" disabled={busy || !running} onClick={() => void advance('hour')} data-testid="play-advance-hour">{t('playAdvanceHour')}</button>
          <button type="button" className="btn" disabled={busy || !running} onClick={() => void advance('day')} data-testid="play-advance-day">{t('playAdvanceDay')}</button>
          <button type="button" className="btn" disabled={busy || !running} onClick={() => void advance('week')} data-testid="play-advance-week">{t('playAdvanceWeek')}</button>
          <button type="button" className="btn btn-primary" disabled={busy || !running || !view.nextAt} onClick={() => void advance('next')} data-testid="play-advance-next" title={view.nextAt ? formatDateTime(view.nextAt, lang) : t('playNoNext')}>
            {t('playAdvanceNext')}
            {view.nextAt ? `（${formatDateTime(view.nextAt, lang)}）` : ''}
          </button>
          <button type="button" className="btn" onClick={onRestart} data-testid="play-restart">{t('playRestart')}</button>
        </span>
      </div>
      <p className="muted play-path" data-testid="play-path">
        {t('playPath')}：{state.path.map((id) => nodeName(id)).filter(Boolean).join(' → ')}
      </p>
      <ErrorBanner message={error} onClose={() => setError(undefined)} />
      <section className="play-steps">
        <h3>{t('playSteps')}</h3>
        {open.length === 0 && publicity.length === 0 ? <p className="muted">{t('playNoSteps')}</p> : null}
        {open.map((task) => (
          <StepCard key={task.id} def={def} task={task} view={view} now={now} busy={busy} act={act} />
        ))}
        {publicity.map((p) => (
          <PublicityCard key={p.nodeId} name={nodeName(p.nodeId) ?? ''} startsAt={p.startsAt} endsAt={p.endsAt} objections={p.objections.map((o) => o.content)} busy={busy} onObject={(content) => act({ kind: 'objection', nodeId: p.nodeId, content })} />
        ))}
      </section>
      <section className="play-notices" data-testid="play-notices">
        <h3>{t('playNotices')}</h3>
        {view.notifications.length === 0 ? (
          <p className="muted">{t('playNoNotices')}</p>
        ) : (
          <ul>
            {view.notifications.slice(-8).map((n, i) => (
              <li key={i}>
                <strong>{n.title}</strong>
                {n.to.length ? <span className="muted"> → {n.to.join('、')}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3>{t('playTimeline')}</h3>
        <Timeline entries={state.timeline} nodeName={nodeName} personName={(id) => view.names[id]} />
      </section>
      <p className="muted hint">{t('playExpires')}</p>
    </div>
  );
}

function StepCard({ def, task, view, now, busy, act }: { def: Definition; task: TaskRecord; view: PlayView; now: number; busy: boolean; act: (b: Act) => Promise<void> }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const node = def.nodes.find((n) => n.id === task.nodeId);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState('');
  const [returnTo, setReturnTo] = useState('');
  const vote = task.kind === 'vote' ? view.state.votes.findLast((v) => v.taskId === task.id) : undefined;
  const health = taskHealth(task, now, view.state.status === 'suspended');
  const human = node && (node.kind === 'task' || node.kind === 'vote') ? node : undefined;
  const fields = (human?.form ?? []).map((k) => def.fields.find((f) => f.key === k)).filter((f): f is FieldDef => !!f && f.type !== 'attachment');
  const required = new Set(human?.requiredFields ?? []);
  const targets = (human?.returnTargets ?? []).filter((id) => view.state.path.includes(id));
  return (
    <div className="card play-step" data-testid="play-step" data-node={task.nodeId} data-health={health}>
      <div className="play-step-head">
        <strong>{task.nodeName}</strong>
        <span className="muted">
          {t('playActingAs')}：{view.actingAs[task.id] ?? ''}
        </span>
        <span className="muted">
          {t('playDueAt')}：{formatDateTime(task.dueAt, lang)}
        </span>
        <DueBadge dueAt={task.dueAt} health={health} now={now} />
      </div>
      {node?.kind === 'task' ? (
        <>
          {fields.map((f) => (
            <FieldInput key={f.key} field={f} required={required.has(f.key)} value={data[f.key] as never} onChange={(v) => setData((d) => ({ ...d, [f.key]: v === '' ? undefined : v }))} />
          ))}
          <Field label={t('comment')}>
            <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="play-comment" />
          </Field>
          <div className="play-actions">
            <span className="muted">{t('playDo')}</span>
            {node.actions.map((a) => (
              <button key={a.name} type="button" className={a.approve ? 'btn btn-primary' : 'btn'} disabled={busy} data-testid={`play-action-${a.name}`} onClick={() => void act({ kind: 'complete', taskId: task.id, action: a.name, data, ...(comment.trim() ? { comment } : {}) })}>
                {a.label}
              </button>
            ))}
            {targets.length ? (
              <>
                <select value={returnTo} onChange={(e) => setReturnTo(e.target.value)} aria-label={t('playReturn')}>
                  <option value="">{t('playReturn')}</option>
                  {targets.map((id) => (
                    <option key={id} value={id}>
                      {def.nodes.find((n) => n.id === id)?.name}
                    </option>
                  ))}
                </select>
                <button type="button" className="btn" disabled={busy || !returnTo} onClick={() => void act({ kind: 'return', taskId: task.id, toNodeId: returnTo, reason: comment || t('playReturn') })}>
                  {t('playReturn')}
                </button>
              </>
            ) : null}
          </div>
        </>
      ) : null}
      {/* A vote: the teller's tally entry with its rules and live preview, then the 监票人's check — the inbox's own forms. */}
      {node?.kind === 'vote' && vote?.spec && vote.status === 'collecting' && vote.spec.mode === 'tally' ? (
        <TallyEntry
          key={`${vote.round}-${vote.returned?.at ?? ''}`}
          spec={vote.spec}
          vote={vote}
          candidates={vote.candidates ?? (vote.spec.options.type === 'candidates' ? (vote.spec.options.candidates ?? []) : [])}
          fields={fields}
          required={required}
          caseData={view.state.data}
          errors={{}}
          busy={busy}
          onSubmit={(groups, data, comment) => void act({ kind: 'tally', taskId: task.id, groups, ...(data ? { data } : {}), ...(comment.trim() ? { comment } : {}) })}
        />
      ) : null}
      {node?.kind === 'vote' && vote?.spec && vote.status === 'awaitingConfirmation' ? (
        <ScrutineerConfirm vote={vote} spec={vote.spec} fields={fields} busy={busy} onConfirm={(ok, comment) => void act({ kind: 'confirmTally', taskId: task.id, confirm: ok, ...(comment.trim() ? { comment } : {}) })} />
      ) : null}
      {node?.kind === 'vote' && vote?.spec?.mode === 'ballots' ? <p className="muted">{t('playNoBallots')}</p> : null}
    </div>
  );
}

function PublicityCard({ name, startsAt, endsAt, objections, busy, onObject }: { name: string; startsAt: string; endsAt: string; objections: string[]; busy: boolean; onObject: (content: string) => Promise<void> }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [content, setContent] = useState('');
  return (
    <div className="card play-step" data-testid="play-publicity">
      <div className="play-step-head">
        <strong>{name}</strong>
        <span className="muted">
          {t('playPublicity')}：{formatDateTime(startsAt, lang)} — {formatDateTime(endsAt, lang)}
        </span>
      </div>
      {objections.length ? (
        <p data-testid="play-objections">
          {t('playObjections')}：{objections.join('；')}
        </p>
      ) : null}
      <Field label={t('playObjection')}>
        <textarea value={content} onChange={(e) => setContent(e.target.value)} rows={2} data-testid="play-objection-text" />
      </Field>
      <button
        type="button"
        className="btn"
        disabled={busy || !content.trim()}
        data-testid="play-objection-submit"
        onClick={() =>
          void onObject(content).then(() => {
            setContent('');
          })
        }
      >
        {t('playFileObjection')}
      </button>
    </div>
  );
}

