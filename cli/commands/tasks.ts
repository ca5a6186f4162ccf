/**
 * `jiceng tasks [--case id] [--as user]`: open tasks. With --case, from the case's `state` query;
 * without, from the `projection` query of each running case (up to 200, newest first): its task
 * rows say who may act now as the inbox decides it — voters who have not voted and the 监票人 while
 * a count waits, as well as the claimant, assignees and candidate roles (the memo's rule,
 * workflows/memo.ts). The CLI talks to Temporal only; the screens read the app database instead.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { isTaskActor } from '../../workflows/engine/permissions.js';
import type { Actor, TaskRecord } from '../../workflows/types.js';
import type { ProjectedTask } from '../../activities/types.js';
import { grantKey, type MemoTask } from '../../workflows/memo.js';
import { withClient } from '../client.js';
import { actorFor, loadDirectory, userName, type CliDirectory } from '../directory.js';
import { KIND_LABEL, TASK_STATUS_LABEL, label } from '../labels.js';
import { print, shDate } from '../output.js';

/** An open task with its case, as `jiceng tasks` lists it (the memo's shape, workflows/memo.ts). */
export type OpenTask = Omit<MemoTask, 'voters' | 'scrutineerRoles'> & { caseId: string; caseTitle: string };

const isOpen = (status: string) => status === 'open' || status === 'claimed';

function fromRecord(caseId: string, caseTitle: string, t: TaskRecord): OpenTask {
  return {
    caseId,
    caseTitle,
    taskId: t.id,
    nodeId: t.nodeId,
    nodeName: t.nodeName,
    kind: t.kind,
    status: t.status,
    dueAt: t.dueAt ?? null,
    assignees: t.signers ? t.signers.filter((s) => !s.action).map((s) => s.userId) : t.assignees,
    candidateRoles: t.candidateGrants.map(grantKey),
    claimedBy: t.claimedBy ?? null,
    createdAt: t.createdAt,
  };
}

export async function openTasksOfCase(client: Client, caseId: string, actor?: Actor): Promise<OpenTask[]> {
  const { stateQuery } = await import('../../workflows/messages.js');
  const state = await client.workflow.getHandle(caseId).query(stateQuery);
  return state.tasks.filter((t) => isOpen(t.status) && (!actor || isTaskActor(actor, t))).map((t) => fromRecord(caseId, state.title, t));
}

/** The open tasks of a case for the person (all open tasks without one), from its `projection` query. */
async function openTasksOfCaseForInbox(client: Client, caseId: string, actor?: Actor): Promise<OpenTask[]> {
  const { projectionQuery } = await import('../../workflows/messages.js');
  const p = await client.workflow.getHandle(caseId).query(projectionQuery);
  const who = actor && { userId: actor.userId, grantKeys: actor.grants.map(grantKey) };
  // The memo's rule as the projection writes it: `actors` are the claimant (else the assignees) and
  // the voters yet to vote; `roles` the candidate roles (unless claimed) and the 监票人's grants.
  const isFor = (t: ProjectedTask) => !who || t.actors.includes(who.userId) || t.roles.some((r) => who.grantKeys.includes(r));
  return p.tasks.filter((t) => isOpen(t.status) && isFor(t)).map((t) => ({
    caseId,
    caseTitle: p.case.title,
    taskId: t.taskId,
    nodeId: t.nodeId,
    nodeName: t.nodeName,
    kind: t.kind,
    status: t.status,
    dueAt: t.dueAt,
    assignees: t.assignees,
    candidateRoles: t.candidateRoles,
    claimedBy: t.claimedBy,
    createdAt: t.createdAt,
  }));
}

export async function openTasksAcrossCases(client: Client, actor?: Actor, cases = 200): Promise<OpenTask[]> {
  const out: OpenTask[] = [];
  let seen = 0;
  for await (const info of client.workflow.list({ query: `WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running'` })) {
    if (++seen > cases) break;
    const tasks = await openTasksOfCaseForInbox(client, info.workflowId, actor).catch(() => [] as OpenTask[]);
    out.push(...tasks);
  }
  return out;
}

export function renderTasks(tasks: OpenTask[], dir: CliDirectory, who?: string): string {
  if (tasks.length === 0) return who ? `${who} 没有待办任务` : '没有待办任务';
  const lines = [`待办任务（${tasks.length}）${who ? `：${who}` : ''}`];
  let lastCase = '';
  for (const t of tasks) {
    if (t.caseId !== lastCase) {
      lines.push(`案件 ${t.caseId}「${t.caseTitle}」`);
      lastCase = t.caseId;
    }
    const people = t.claimedBy ? `签收人 ${userName(dir, t.claimedBy)}` : [t.assignees.length ? `办理人 ${t.assignees.map((u) => userName(dir, u)).join('、')}` : '', t.candidateRoles.length ? `候选角色 ${t.candidateRoles.join('、')}` : ''].filter(Boolean).join('；');
    lines.push(`  ${t.taskId}  ${label(KIND_LABEL, t.kind)}「${t.nodeName}」  ${label(TASK_STATUS_LABEL, t.status)}  期限 ${shDate(t.dueAt)}${people ? `  ${people}` : ''}`);
  }
  return lines.join('\n');
}

export function registerTasks(program: Command): void {
  program
    .command('tasks')
    .description('列出待办任务（某个案件的，或某个用户可办理的）')
    .option('--case <caseId>', '只看这个案件')
    .option('--as <user>', '只看该用户可以办理的任务')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { case?: string; as?: string; json?: boolean }) => {
      const dir = loadDirectory();
      const actor = opts.as ? actorFor(dir, opts.as) : undefined;
      const tasks = await withClient((client) => (opts.case ? openTasksOfCase(client, opts.case, actor) : openTasksAcrossCases(client, actor)));
      print(opts, { tasks }, () => renderTasks(tasks, dir, actor ? userName(dir, actor.userId) : undefined));
    });
}
