/** The `state` query: a plain, JSON-safe projection of the runtime. Secret ballots stay anonymous. */
import type { CaseState, VoteView } from '../types.js';
import { nowMs } from './clock.js';
import { computeHealth } from './health.js';
import type { CaseRuntime, VoteState } from './runtime.js';
import { closeProblem, maxPicksFor } from '../rules/ballot-box.js';
import { totalSeats } from './vote-node.js';

export function caseHealth(rt: CaseRuntime) {
  const incident = rt.incidents.find((i) => i.resolvedAt === undefined);
  return computeHealth({ tasks: rt.tasks, nowMs: nowMs(), light: rt.light, suspended: rt.suspended, incident: incident?.message });
}

function voteView(v: VoteState): VoteView {
  const decided = v.status === 'decided';
  const ballotsCast = v.voted.length;
  const view: VoteView = {
    nodeId: v.nodeId,
    taskId: v.taskId,
    mode: v.spec.mode,
    round: v.round,
    status: v.status,
    secret: v.spec.secret,
    ballotsCast,
    candidates: v.candidates,
    result: v.result,
    spec: v.spec,
    ...(v.teller ? { teller: v.teller, tellerName: v.tellerName } : {}),
    ...(v.pendingData ? { pendingData: { ...v.pendingData } } : {}),
    ...(v.returned ? { returned: { ...v.returned } } : {}),
    ...(v.scrutineerName ? { scrutineerName: v.scrutineerName } : {}),
    ...(v.decidedAt ? { decidedAt: v.decidedAt } : {}),
    ...(v.documentId ? { documentId: v.documentId } : {}),
  };
  if (v.spec.mode === 'ballots') {
    // The sign-in sheet (who may vote, who has voted): never what anyone chose.
    view.voters = Object.fromEntries(Object.entries(v.voters).map(([g, us]) => [g, [...us]]));
    view.voted = [...v.voted];
    view.maxPicks = maxPicksFor(v.spec, totalSeats(v.spec) - v.elected.length);
  }
  if (v.box) {
    view.ballotBox = true;
    if (v.status === 'collecting') view.closeProblem = v.counting ? '正在开箱计票' : closeProblem(v.spec, v.voters, v.voted);
  }
  // A secret vote shows no running counts while voting is open (only how many have voted).
  if (v.spec.mode === 'tally') view.tally = v.confirmedTally ?? v.pendingTally;
  else if (decided || !v.spec.secret) view.tally = v.confirmedTally;
  if (!v.spec.secret && v.namedChoices) view.namedChoices = { ...v.namedChoices };
  return view;
}

export function caseState(rt: CaseRuntime): CaseState {
  const { health, reasons } = caseHealth(rt);
  const open = rt.openTasks();
  const dues = open.map((t) => t.dueAt).filter((d): d is string => !!d).sort();
  return {
    caseId: rt.caseId,
    definitionKey: rt.def.key,
    definitionVersion: rt.def.version,
    title: rt.input.title,
    org: rt.input.org,
    initiator: rt.input.initiator.userId,
    status: rt.status,
    outcome: rt.outcome,
    health,
    healthReasons: reasons,
    currentNodes: [...rt.tokens.values()]
      .filter((t) => t.nodeId)
      .map((t) => ({ nodeId: t.nodeId as string, name: rt.node(t.nodeId as string).name, since: t.since, tokenId: t.id })),
    path: [...rt.path],
    tasks: rt.tasks.map((t) => ({ ...t, assignees: [...t.assignees], signers: t.signers?.map((s) => ({ ...s })) })),
    data: { ...rt.data },
    nodeOutputs: { ...rt.nodeOutputs },
    timeline: [...rt.timeline],
    ledger: [...rt.ledger],
    clockEvents: { ...rt.clockEvents },
    votes: [...rt.votes.values()].map(voteView),
    publicity: rt.publicity.map((p) => ({ ...p, objections: [...p.objections] })),
    nextDueAt: dues[0],
    startedAt: rt.startedAt,
    endedAt: rt.endedAt,
    warnings: [...rt.warnings],
    projectionSeq: rt.projection?.seq,
    incidents: rt.incidents.map((i) => ({ ...i })),
    ...(rt.warning ? { warningLight: { ...rt.warning } } : {}),
  };
}
