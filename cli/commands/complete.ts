/**
 * `jiceng complete <taskId> --case <caseId> --as <user> [--data json] [--action name] [--comment c]`:
 * the `complete` update; when the engine answers NOT_CLAIMED, claims the task first and retries.
 */
import type { Command } from 'commander';
import type { UpdateResult } from '../../workflows/messages.js';
import { withClient } from '../client.js';
import { actorFor, loadDirectory, userName } from '../directory.js';
import { STATUS_LABEL, label } from '../labels.js';
import { CliError, EXIT, toCliError } from '../errors.js';
import { print } from '../output.js';
import { parseJsonObject } from './start.js';

const rejectedWith = (err: unknown, code: string) => toCliError(err).code === code;

interface CompleteOptions {
  case: string;
  as?: string;
  data?: string;
  action?: string;
  comment?: string;
  json?: boolean;
}

export function registerComplete(program: Command): void {
  program
    .command('complete')
    .description('办理任务（需要时先自动签收）')
    .argument('<taskId>', '任务编号（见 jiceng tasks）')
    .requiredOption('--case <caseId>', '案件编号')
    .option('--as <user>', '办理人（默认环境变量 JICENG_USER）')
    .option('--data <json>', '表单数据（JSON 对象，或 @文件）')
    .option('--action <name>', '办理动作（默认该环节的第一个动作）')
    .option('--comment <text>', '办理意见')
    .option('--json', '以 JSON 输出')
    .action(async (taskId: string, opts: CompleteOptions) => {
      const dir = loadDirectory();
      const actor = actorFor(dir, opts.as);
      const args = {
        actor,
        taskId,
        data: parseJsonObject(opts.data, '--data') ?? {},
        ...(opts.action ? { action: opts.action } : {}),
        ...(opts.comment ? { comment: opts.comment } : {}),
      };
      const { claimUpdate, completeUpdate, stateQuery } = await import('../../workflows/messages.js');
      let claimed = false;
      const result: UpdateResult = await withClient(async (client) => {
        const handle = client.workflow.getHandle(opts.case);
        const claim = async () => {
          await handle.executeUpdate(claimUpdate, { args: [{ actor, taskId }] });
          claimed = true;
        };
        // A claimable task nobody has claimed yet (single mode): claim it first, so the timeline
        // shows who took it; the claim validator also checks the actor may act at all.
        const task = (await handle.query(stateQuery)).tasks.find((t) => t.id === taskId);
        if (!task) throw new CliError('TASK_NOT_FOUND', `案件 ${opts.case} 中没有任务 ${taskId}（用 jiceng tasks --case ${opts.case} 查看）`, EXIT.rejected);
        if (task.status === 'open' && !task.claimedBy && !task.signers) await claim();
        try {
          return await handle.executeUpdate(completeUpdate, { args: [args] });
        } catch (err) {
          if (claimed || !rejectedWith(err, 'NOT_CLAIMED')) throw err;
        }
        // A rejected update never enters history, so claiming now and retrying is safe.
        await claim();
        return handle.executeUpdate(completeUpdate, { args: [args] });
      });
      const state = result.state;
      const task = state.tasks.find((t) => t.id === taskId);
      print(opts, { ok: true, caseId: opts.case, taskId, claimed, action: task?.action ?? opts.action ?? null, state }, () => {
        const lines = [`已办理任务 ${taskId}「${task?.nodeName ?? ''}」${claimed ? '（已自动签收）' : ''}，办理人 ${userName(dir, actor.userId)}${task?.action ? `，动作 ${task.action}` : ''}`];
        lines.push(`案件 ${opts.case}：${label(STATUS_LABEL, state.status)}${state.outcome ? `（结果 ${state.outcome}）` : ''}`);
        if (state.currentNodes.length) lines.push(`当前环节：${state.currentNodes.map((n) => n.name).join('、')}`);
        return lines.join('\n');
      });
    });
}
