/**
 * What the signed-in person may do with a task now — asked of the engine's own pure rules
 * (permissions, hand-off), so the task page offers exactly what the update validators will accept:
 * after a 转办 the old holder sees no 签收/完成/转办, 加签 shows only on countersign steps, 拿回 only
 * while the next step is untouched.
 */
import { isHumanNode, type Definition, type Operation } from '../../dsl/schema.js';
import type { CaseState, TaskRecord, VoteView } from '../../workflows/types.js';
import { claimedByOther, isSupervisor, isTaskActor } from '../../workflows/engine/permissions.js';
import { returnTargets, takeBack } from '../../workflows/engine/hand-off.js';
import type { TaskViewer } from '../../api/index.js';
import type { AppContext } from '../context.js';
import { actorOf, type Principal } from '../auth/principal.js';

const isOpen = (t: TaskRecord) => t.status === 'open' || t.status === 'claimed';

/** A vote that has received a tally or a ballot is no longer untouched (拿回 is too late). */
const voteTouched = (votes: readonly VoteView[]) => (t: TaskRecord) => {
  const v = votes.findLast((x) => x.taskId === t.id);
  return !!v && (v.round > 1 || v.status !== 'collecting' || v.ballotsCast > 0 || (v.voted?.length ?? 0) > 0);
};

/** People a task names — and those its record names (加签, 减签) — by id → name (one query). */
async function namesOf(ctx: AppContext, task: TaskRecord, timeline: CaseState['timeline'] = []): Promise<Record<string, string>> {
  const ids = new Set<string>([...task.assignees, ...(task.signers ?? []).flatMap((s) => [s.userId, ...(s.onBehalfOf ? [s.onBehalfOf] : [])])]);
  for (const e of timeline) if (e.taskId === task.id && Array.isArray(e.detail?.userIds)) for (const u of e.detail.userIds) if (typeof u === 'string') ids.add(u);
  for (const id of [task.claimedBy, task.completedBy, task.delegatedFrom]) if (id) ids.add(id);
  for (const [to, from] of Object.entries(task.actingFor ?? {})) ids.add(to).add(from);
  if (ids.size === 0) return {};
  const rows = await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::text[])', [[...ids]]);
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

export async function taskViewer(ctx: AppContext, p: Principal, state: CaseState, def: Definition, task: TaskRecord): Promise<TaskViewer> {
  const actor = actorOf(p);
  const node = def.nodes.find((n) => n.id === task.nodeId);
  const names = await namesOf(ctx, task, state.timeline);
  const running = state.status === 'running';
  const open = running && isOpen(task);
  const supervisor = isSupervisor(actor, state.org);
  const mySigner = task.signers?.find((s) => !s.action && (s.userId === p.id || s.onBehalfOf === p.id));
  const canAct = open && (task.signers ? !!mySigner : isTaskActor(actor, task) && !claimedByOther(actor, task));
  const targets = open && canAct ? returnTargets(def, state.tasks, task) : [];
  const ops: Operation[] = [];
  if (node && isHumanNode(node) && open) {
    const countersign = node.kind === 'task' && node.countersign.mode !== 'single' && !!task.signers;
    for (const op of node.operations) {
      const ok =
        op === 'return' ? canAct && targets.length > 0
        : op === 'transfer' ? canAct || supervisor
        : op === 'delegate' ? canAct
        : op === 'addSigner' || op === 'removeSigner' ? countersign && (canAct || supervisor)
        : op === 'takeBack' ? false
        : op === 'urge' ? p.id === state.initiator || supervisor
        : true;
      if (ok) ops.push(op);
    }
  }
  const mine = task.status === 'done' && task.completedBy === p.id && running;
  const back = mine && node && isHumanNode(node) && node.operations.includes('takeBack') ? takeBack(def, state.tasks, state.timeline, task, p.id, voteTouched(state.votes)) : undefined;
  const next = back ? state.tasks.slice(state.tasks.indexOf(task) + 1).find((t) => t.tokenId === task.tokenId) : undefined;
  return {
    canAct,
    canClaim: open && !task.signers && !task.claimedBy && isTaskActor(actor, task),
    canUnclaim: open && !!task.claimedBy && task.claimedBy === p.id,
    ops,
    returnTargets: targets,
    ...(back ? { takeBack: back.ok ? { allowed: true, nextNodeName: back.next.nodeName } : { allowed: false, reason: back.reason, ...(next ? { nextNodeName: next.nodeName } : {}) } } : {}),
    names,
    ...(task.claimedBy && names[task.claimedBy] ? { holder: names[task.claimedBy] } : {}),
  };
}
