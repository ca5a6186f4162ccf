/** `jiceng show <caseId>`: status, health, current nodes, open tasks, data and timeline. */
import type { Command } from 'commander';
import type { CaseState } from '../../workflows/types.js';
import { withClient } from '../client.js';
import { loadDirectory, userName, type CliDirectory } from '../directory.js';
import { HEALTH_LABEL, KIND_LABEL, STATUS_LABEL, TASK_STATUS_LABEL, label } from '../labels.js';
import { print, shDate } from '../output.js';

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export function renderCase(s: CaseState, dir: CliDirectory): string {
  const lines: string[] = [];
  lines.push(`案件 ${s.caseId}「${s.title}」`);
  lines.push(`流程：${s.definitionKey} 第 ${s.definitionVersion} 版    单位：${s.org.unit}    发起人：${userName(dir, s.initiator)}`);
  lines.push(`状态：${label(STATUS_LABEL, s.status)}${s.outcome ? `（结果 ${s.outcome}）` : ''}    健康：${label(HEALTH_LABEL, s.health)}${s.healthReasons.length ? `（${s.healthReasons.join('；')}）` : ''}`);
  lines.push(`发起时间：${shDate(s.startedAt)}${s.endedAt ? `    结束时间：${shDate(s.endedAt)}` : ''}${s.nextDueAt ? `    最近期限：${shDate(s.nextDueAt)}` : ''}`);
  lines.push(`当前环节：${s.currentNodes.length ? s.currentNodes.map((n) => `${n.name}(${n.nodeId}，自 ${shDate(n.since)})`).join('、') : '—'}`);
  const open = s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
  if (open.length) {
    lines.push('待办：');
    for (const t of open) {
      const who = t.claimedBy ? `签收人 ${userName(dir, t.claimedBy)}` : [...t.assignees.map((u) => userName(dir, u)), ...t.candidateGrants.map((g) => `${g.role}@${g.orgUnit}`)].join('、');
      lines.push(`  ${t.id}  ${label(KIND_LABEL, t.kind)}「${t.nodeName}」  ${label(TASK_STATUS_LABEL, t.status)}  期限 ${shDate(t.dueAt)}  ${who}`);
    }
  }
  const data = Object.entries(s.data).filter(([, v]) => v !== null && v !== undefined);
  lines.push(`数据：${data.length ? '' : '—'}`);
  for (const [k, v] of data) lines.push(`  ${k} = ${show(v)}`);
  if (s.warnings.length) lines.push(`提示：${s.warnings.join('；')}`);
  lines.push('经过：');
  for (const e of s.timeline) {
    const who = e.actor === 'system' ? '系统' : e.actorName ? `${e.actorName}(${e.actor})` : userName(dir, e.actor);
    lines.push(`  ${shDate(e.at)}  ${who}  ${e.type}${e.nodeId ? ` @${e.nodeId}` : ''}${e.comment ? `：${e.comment}` : ''}`);
  }
  return lines.join('\n');
}

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('查看案件：状态、健康灯、当前环节、数据和经过')
    .argument('<caseId>', '案件编号')
    .option('--json', '以 JSON 输出（完整的案件状态）')
    .action(async (caseId: string, opts: { json?: boolean }) => {
      const { stateQuery } = await import('../../workflows/messages.js');
      const state = await withClient((client) => client.workflow.getHandle(caseId).query(stateQuery));
      print(opts, state, () => renderCase(state, loadDirectory()));
    });
}
