/**
 * One case: its graph with the path taken and the current nodes, data, timeline, open tasks with
 * their deadlines and lights, supervisor actions, and a link into the Temporal Web UI.
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { NodeOverlay } from '../designer/graph/editor-store.js';
import { client } from '../lib/api.js';
import { catalogueRole } from '../../../dsl/roles.js';
import type { CaseDetail } from '../../../api/index.js';
import { taskHealth } from '../lib/health.js';
import { formatDateTime } from '../lib/format.js';
import { personName } from '../lib/people.js';
import { HEALTH_LABEL, LEDGER_KIND_LABEL, OUTCOME_LABEL, STATUS_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';
import { can, useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { useCaseEvents } from '../lib/use-case-events.js';
import { ReadOnlyGraph } from '../canvas/read-only-graph.js';
import { Timeline } from './timeline.js';
import { CaseActionDialog, type CaseAction } from './case-action-dialog.js';
import { DueBadge, ErrorBanner, Light, Loading, Notice } from '../shell/ui.js';
import { VoteResultView } from '../inbox/vote-panel.js';
import { ObjectionForm } from '../inbox/objection-form.js';
import { CaseDocuments } from './case-documents.js';

function display(v: unknown, options?: { value: string; label: string }[]): string {
  if (v === null || v === undefined || v === '') return '—';
  if (options && typeof v === 'string') return options.find((o) => o.value === v)?.label ?? v;
  if (options && Array.isArray(v)) return v.map((x) => options.find((o) => o.value === x)?.label ?? String(x)).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map((x) => display(x)).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A table field's rows as text: each row's cells by their column (option labels, not codes). */
function tableText(rows: unknown, columns: readonly { key: string; label: string; options?: { value: string; label: string }[] }[]): string {
  if (!Array.isArray(rows)) return display(rows);
  return rows
    .map((row) => (row && typeof row === 'object' ? columns.map((c) => (c.key in row ? `${c.label}：${display((row as Record<string, unknown>)[c.key], c.options)}` : '')).filter(Boolean).join('，') : display(row)))
    .join('；');
}

export function CasePage() {
  const { caseId = '' } = useParams();
  const t = useT();
  const lang = useLang((s) => s.lang);
  const me = useSession((s) => s.me);
  const { data, error, reload } = useAsync(() => client.caseDetail(caseId), [caseId]);
  // The case moves on while it is open here (someone acts, a deadline passes): shown at once.
  useCaseEvents(caseId, reload);
  const [action, setAction] = useState<{ kind: CaseAction; taskId?: string } | null>(null);
  const [notice, setNotice] = useState<string>();
  // Unit names for 组织单位 fields (a citizen may not read the list: ids stay as they are then).
  const units = useAsync(() => client.orgUnits().catch(() => []), []);
  // Names of people in the case's data (the directory; a citizen may not read it and sees what the timeline names).
  const people = useAsync(() => client.users().catch(() => []), []);

  const overlay = useMemo(() => {
    const o: Record<string, NodeOverlay> = {};
    if (!data) return o;
    for (const id of data.path) o[id] = { tone: 'path' };
    for (const c of data.currentNodes) o[c.nodeId] = { tone: 'current', badge: t('currentBadge') };
    return o;
  }, [data, t]);

  if (error && !data) return <ErrorBanner message={error} />;
  if (!data) return <Loading />;
  const openTasks = data.tasks.filter((x) => x.status === 'open' || x.status === 'claimed');
  const fieldLabel = (k: string) => data.definition.fields.find((f) => f.key === k)?.label ?? k;
  const nodeName = (id: string) => data.definition.nodes.find((n) => n.id === id)?.name;
  const roleName = (code: string) => data.definition.roles.find((r) => r.key === code)?.name ?? catalogueRole(code)?.name ?? code;
  // An outcome without a general word (cleared, referred …) is named by the end node that gave it.
  const endName = (outcome: string) => data.definition.nodes.find((n) => n.kind === 'end' && n.outcome === outcome)?.name ?? outcome;
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  /** A person by name: as the timeline names them, else from the directory. */
  const nameOf = (u: string): string => {
    const n = personName(data.timeline, u);
    return n !== u ? n : (people.data?.find((x) => x.id === u)?.name ?? u);
  };
  /** A data value as a person reads it: option labels, unit and person names instead of ids. */
  const shown = (k: string, v: unknown): string => {
    const f = data.definition.fields.find((x) => x.key === k);
    const ids = (x: unknown, name: (id: string) => string) => (Array.isArray(x) ? x.map((i) => name(String(i))).join('、') : name(String(x)));
    if (f?.type === 'orgUnit' && v) return ids(v, unitName);
    if (f?.type === 'person' && v) return ids(v, nameOf);
    if (f?.type === 'table' && f.columns) return tableText(v, f.columns);
    return display(v, f?.options);
  };
  const supervisor = can(me, 'monitor');
  const running = data.status === 'running';
  const now = Date.now();

  return (
    <div className="page case-page" data-testid="case-page" data-case-id={data.caseId} data-health={data.health} data-status={data.status}>
      <div className="page-head">
        <Light health={data.health} testId="case-light" />
        <h1 data-testid="case-title" translate="no">{data.title}</h1>
        <span className={`tag tag-${data.status}`} data-testid="case-status">
          {STATUS_LABEL[data.status]?.[lang] ?? data.status}
        </span>
        <span className="spacer" />
        <a className="btn-text" href={data.temporalUiUrl} target="_blank" rel="noreferrer" data-testid="temporal-link">
          {t('temporalUi')} ↗
        </a>
      </div>
      <Notice message={notice} />
      <ErrorBanner message={error} />
      <dl className="kv kv-inline" data-testid="case-meta">
        <dt>{t('procedure')}</dt>
        <dd>
          {data.procedureTitle ?? data.definitionKey} <span className="tag" data-testid="case-version">v{data.definitionVersion}</span>
        </dd>
        <dt>{t('unit')}</dt>
        <dd>{data.orgUnitName ?? data.org.unit}</dd>
        <dt>{t('initiator')}</dt>
        {/* by name: the case.started entry carries it (the id is a login, not for people) */}
        <dd data-testid="case-initiator">{data.timeline.find((e) => e.type === 'case.started')?.actorName ?? data.initiator}</dd>
        <dt>{t('startedAt')}</dt>
        <dd>{formatDateTime(data.startedAt, lang)}</dd>
        <dt>{t('dueAt')}</dt>
        <dd>{formatDateTime(data.nextDueAt, lang)}</dd>
        <dt>{t('currentNodes')}</dt>
        <dd data-testid="current-nodes">{data.currentNodes.map((c) => c.name).join('、') || '—'}</dd>
        {data.outcome ? (
          <>
            <dt>{t('outcome')}</dt>
            <dd data-testid="case-outcome">{OUTCOME_LABEL[data.outcome]?.[lang] ?? endName(data.outcome)}</dd>
          </>
        ) : null}
      </dl>
      {data.healthReasons.length ? (
        <ul className={`reasons reasons-${data.health}`} data-testid="health-reasons">
          {data.healthReasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : null}
      {data.warnings.length ? (
        <ul className="reasons reasons-yellow">
          {data.warnings.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : null}

      <ReadOnlyGraph definition={data.definition} overlay={overlay} />

      {supervisor && (running || data.status === 'suspended') ? (
        <section className="panel" data-testid="supervisor-actions">
          <h3>{t('supervisorActions')}</h3>
          <div className="row wrap">
            {running && openTasks.length ? (
              <>
                <button type="button" className="btn" onClick={() => setAction({ kind: 'urge' })} data-testid="case-urge">
                  {t('urge')}
                </button>
                <button type="button" className="btn btn-warn" onClick={() => setAction({ kind: 'escalate' })} data-testid="case-escalate">
                  {t('escalate')}
                </button>
                <button type="button" className="btn" onClick={() => setAction({ kind: 'extend' })} data-testid="case-extend">
                  {t('extend')}
                </button>
              </>
            ) : null}
            {data.incidents?.some((i) => !i.resolvedAt) ? (
              <button type="button" className="btn btn-warn" onClick={() => setAction({ kind: 'resolve-incident' })} data-testid="case-resolve-incident">
                {t('resolve-incident')}
              </button>
            ) : null}
            {running ? (
              <button type="button" className="btn" onClick={() => setAction({ kind: 'suspend' })} data-testid="case-suspend">
                {t('suspend')}
              </button>
            ) : (
              <button type="button" className="btn" onClick={() => setAction({ kind: 'resume' })} data-testid="case-resume">
                {t('resume')}
              </button>
            )}
            <button type="button" className="btn btn-danger" onClick={() => setAction({ kind: 'terminate' })} data-testid="case-terminate">
              {t('terminate')}
            </button>
          </div>
        </section>
      ) : null}

      <div className="two-col">
        <section className="panel">
          <h3>{t('openTasks')}</h3>
          {openTasks.length === 0 ? <p className="muted">—</p> : null}
          <table className="table" data-testid="open-tasks">
            <tbody>
              {openTasks.map((x) => {
                const h = taskHealth(x, now, data.status === 'suspended');
                return (
                  <tr key={x.id} data-testid="open-task" data-task-id={x.id} data-health={h}>
                    <td>
                      <Light health={h} />
                    </td>
                    <td>
                      <Link to={`/tasks/${encodeURIComponent(data.caseId)}/${encodeURIComponent(x.id)}`}>{x.nodeName}</Link>
                      {x.escalated ? <span className="tag tag-red">{t('escalate')}</span> : null}
                      {x.urgedCount ? <span className="tag tag-warn">{`${t('urge')}×${x.urgedCount}`}</span> : null}
                    </td>
                    <td>{x.claimedBy ? personName(data.timeline, x.claimedBy) : x.assignees.map((u) => personName(data.timeline, u)).join('、') || x.candidateGrants.map((g) => roleName(g.role)).join('、')}</td>
                    <td>
                      <DueBadge dueAt={x.dueAt ?? null} health={h} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data.publicity.map((pb) => {
            const active = data.currentNodes.some((c) => c.nodeId === pb.nodeId) && now < new Date(pb.endsAt).getTime();
            return (
              <div className="publicity" key={`${pb.nodeId}-${pb.startsAt}`} data-testid="publicity" data-node-id={pb.nodeId} data-active={active}>
                <h3>
                  <span translate="no">{nodeName(pb.nodeId) ?? pb.nodeId}</span> · {t('publicityPeriod')}
                </h3>
                <p>
                  {formatDateTime(pb.startsAt, lang)} — {formatDateTime(pb.endsAt, lang)}
                </p>
                <h4>
                  {t('objections')} ({pb.objections.length})
                </h4>
                <ul className="plain" data-testid="objections">
                  {pb.objections.map((o) => (
                    <li key={o.id}>
                      <small>
                        {formatDateTime(o.at, lang)} · {nameOf(o.by)}
                      </small>
                      <p>{o.content}</p>
                    </li>
                  ))}
                </ul>
                {active && running ? <ObjectionForm caseId={data.caseId} nodeId={pb.nodeId} onDone={() => void reload()} /> : null}
              </div>
            );
          })}
          {data.votes.filter((v) => v.result).length ? (
            <>
              <h3>{t('voteResult')}</h3>
              {data.votes
                .filter((v) => v.result)
                .map((v) => (
                  <VoteResultView key={`${v.taskId ?? v.nodeId}-${v.round}`} result={v.result!} round={v.round} meeting={nodeName(v.nodeId)} decidedAt={v.decidedAt} documentId={v.documentId} />
                ))}
            </>
          ) : null}
          <h3>{t('data')}</h3>
          <dl className="kv" data-testid="case-data">
            {Object.entries(data.data)
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => (
                <div key={k} className="kv-row">
                  <dt>{fieldLabel(k)}</dt>
                  <dd>{shown(k, v)}</dd>
                </div>
              ))}
          </dl>
          {data.ledger.length ? (
            <>
              <h3>{t('deadlineLedger')}</h3>
              <ul className="plain" data-testid="ledger">
                {data.ledger.map((l, i) => (
                  <li key={i}>
                    {formatDateTime(l.at, lang)} · {LEDGER_KIND_LABEL[l.kind as keyof typeof LEDGER_KIND_LABEL]?.[lang] ?? l.kind} · {l.from ? formatDateTime(l.from, lang) : ''} → {l.to ? formatDateTime(l.to, lang) : ''} · {l.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <CaseDocuments caseId={data.caseId} version={data.timeline.length} />
        </section>
        <section className="panel">
          <h3>{t('timeline')}</h3>
          <Timeline entries={data.timeline} nodeName={nodeName} personName={(id) => people.data?.find((x) => x.id === id)?.name} />
        </section>
      </div>
      {action ? (
        <CaseActionDialog
          caseId={data.caseId}
          action={action.kind}
          tasks={openTasks}
          defaultTaskId={action.taskId}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            setNotice(`${t(action.kind)} ✓`);
            void reload();
          }}
        />
      ) : null}
      <span className="sr-only">{HEALTH_LABEL[data.health][lang]}</span>
    </div>
  );
}
