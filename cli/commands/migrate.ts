/**
 * `jiceng migrate <definition> --from <n> [--to n] [--map json] [--case id]… [--apply --reason r] [--as user]`:
 * moves the running cases of version n of a procedure to the version in <definition> (a file, or a
 * key in procedures/) — issue 19's migration, from a terminal. Without --apply it is a dry run: each
 * case with where it waits, where it lands and what changes for it (due dates by the business
 * calendar), or why it cannot be migrated (the engine's own planner, the `migrationPlan` query, in
 * Chinese). With --apply --reason it runs the `migrate` update on each case, which checks again —
 * a case that moved meanwhile is refused with its reason — and records who, when and why in the
 * case's timeline. Who it runs as: --as, else JICENG_USER, a 流程管理员 of the cases' units (the
 * engine refuses anyone else). The CLI reads Temporal only: the cases are the running workflows
 * whose search attributes name the procedure and the version; the designer's 迁移 page also keeps
 * a record of each run in the app database, which the CLI does not reach.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { Assignment, Definition } from '../../dsl/schema.js';
import type { Actor } from '../../dsl/org.js';
import type { MigrationChangeView } from '../../api/index.js';
import type { MigrationPlan, MigrationRefusal, NodeMapping, NodeRef, TokenMove } from '../../workflows/engine/migration-plan.js';
import { isProcessAdmin } from '../../workflows/engine/permissions.js';
import { changeView } from '../../server/migrations/change-view.js';
import { withClient } from '../client.js';
import { loadDefinition } from '../definitions.js';
import { actorFor, loadDirectory, userName, type CliDirectory } from '../directory.js';
import { CliError, EXIT, toCliError } from '../errors.js';
import { print, shDate } from '../output.js';
import { parseJsonObject } from './start.js';

interface MigrateOptions {
  from: string;
  to?: string;
  map?: string;
  case?: string[];
  apply?: boolean;
  reason?: string;
  as?: string;
  json?: boolean;
}

export interface MigrateCase {
  caseId: string;
  title: string;
  unit: string;
  at: NodeRef[];
  ok: boolean;
  refusals: Pick<MigrationRefusal, 'code' | 'message'>[];
  moves: Pick<TokenMove, 'from' | 'to' | 'mode'>[];
  changes: MigrationChangeView[];
  /** With --apply: whether the engine migrated it, and why not. */
  migrated?: boolean;
  message?: string;
}

const positiveInt = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError('INVALID_VERSION', `${flag} 须为正整数，收到「${v}」`);
  return n;
};

/** `--map '{"accept":"handle"}'`: source node id → a node of the target version. */
function parseMapping(text: string | undefined, target: Definition): NodeMapping {
  const raw = parseJsonObject(text, '--map') ?? {};
  const out: NodeMapping = {};
  for (const [from, to] of Object.entries(raw)) {
    if (typeof to !== 'string' || !to) throw new CliError('INVALID_MAPPING', `--map 中「${from}」的目标须为目标版本中的环节标识`);
    if (!target.nodes.some((n) => n.id === to)) {
      throw new CliError('INVALID_MAPPING', `--map 把「${from}」映射到「${to}」，但第 ${target.version} 版没有这个环节，可选：${target.nodes.map((n) => `${n.id}（${n.name}）`).join('、')}`);
    }
    out[from] = to;
  }
  return out;
}

/** The running cases of the procedure at that version (Temporal's visibility, by search attributes). */
async function casesOf(client: Client, key: string, version: number, limit = 2000): Promise<string[]> {
  const ids: string[] = [];
  const query = `WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running' AND JcProcedure = '${key.replace(/'/g, "''")}' AND JcDefinitionVersion = ${version}`;
  for await (const info of client.workflow.list({ query })) {
    ids.push(info.workflowId);
    if (ids.length >= limit) break;
  }
  return ids;
}

async function planCase(client: Client, caseId: string, actor: Actor, args: { fromVersion: number; definition: Definition; mapping: NodeMapping }): Promise<MigrateCase> {
  const { migrationPlanQuery, stateQuery } = await import('../../workflows/messages.js');
  const handle = client.workflow.getHandle(caseId);
  const state = await handle.query(stateQuery);
  const plan: MigrationPlan = await handle.query(migrationPlanQuery, args);
  const refusals = plan.refusals.map((r) => ({ code: r.code, message: r.message }));
  // The engine refuses the update to anyone but a 流程管理员 of the case's units: say so in the dry run.
  if (!isProcessAdmin(actor, state.org)) refusals.unshift({ code: 'NOT_PROCESS_ADMIN' as MigrationRefusal['code'], message: `${actor.name ?? actor.userId} 不是本案所属单位的流程管理员` });
  return {
    caseId,
    title: state.title,
    unit: state.org.unit,
    at: plan.at,
    ok: refusals.length === 0 && plan.ok,
    refusals,
    moves: plan.moves.map((m) => ({ from: m.from, to: m.to, mode: m.mode })),
    changes: plan.changes.map(changeView),
  };
}

function assignmentText(a: Assignment, def: Definition, dir: CliDirectory): string {
  switch (a.type) {
    case 'role':
      return def.roles.find((r) => r.key === a.role)?.name ?? a.role;
    case 'user':
      return a.userIds.map((u) => userName(dir, u)).join('、');
    case 'initiator':
      return '发起人';
    case 'expression':
      return '按表达式确定的人员';
    default:
      return '';
  }
}

const MODE: Record<TokenMove['mode'], (n: string) => string> = {
  keep: (n) => `留在「${n}」`,
  move: (n) => `转到「${n}」`,
  reopen: (n) => `「${n}」重新开始`,
  endBranch: (n) => `并行分支在「${n}」结束`,
};

export function changeText(c: MigrationChangeView, target: Definition, source: Definition | undefined, dir: CliDirectory): string {
  switch (c.kind) {
    case 'moved':
      return `「${c.from.name}」的待办取消，转到「${c.to.name}」办理`;
    case 'renamed':
      return `「${c.from.name}」更名为「${c.to.name}」`;
    case 'reopened':
      return `「${c.node.name}」按新规则重新表决，原表决待办取消`;
    case 'branchEnded':
      return `「${c.node.name}」所在并行分支在「${c.join.name}」结束，其待办取消`;
    case 'branchNotRun':
      return `新版本新增的分支「${c.node.name}」不在本案中办理`;
    case 'deadline':
      return c.toDue ? `「${c.node.name}」办理时限：${shDate(c.fromDue)} → ${shDate(c.toDue)}${c.anchorMissing ? '（起算时间未记录，按本环节开始时间）' : ''}` : `「${c.node.name}」不再有办理时限（原为 ${shDate(c.fromDue)}）`;
    case 'deadlineKept':
      return `「${c.node.name}」已延期，期限仍为 ${shDate(c.due)}`;
    case 'timer':
      return `「${c.node.name}」计时到期：${shDate(c.fromDue)} → ${shDate(c.toDue)}`;
    case 'publicity':
      return `「${c.node.name}」公示截止：${shDate(c.fromDue)} → ${shDate(c.toDue)}`;
    case 'assignees':
      return `「${c.node.name}」办理人：${assignmentText(c.before, source ?? target, dir)} → ${assignmentText(c.after, target, dir)}`;
    default:
      return '';
  }
}

function render(cases: MigrateCase[], target: Definition, from: number, dir: CliDirectory, applied: { reason: string } | undefined): string {
  const head = `「${target.title}」第 ${from} 版 → 第 ${target.version} 版`;
  if (cases.length === 0) return `${head}：没有办理中的案件`;
  const lines: string[] = [];
  if (applied) {
    const done = cases.filter((c) => c.migrated).length;
    lines.push(`${head}：已迁移 ${done} 件，未迁移 ${cases.length - done} 件（原因：${applied.reason}）`);
  } else {
    const ok = cases.filter((c) => c.ok).length;
    lines.push(`迁移预演${head}：可迁移 ${ok} 件，不能迁移 ${cases.length - ok} 件（未做任何更改；确认后加 --apply --reason <原因> 执行）`);
  }
  for (const c of cases) {
    const at = c.at.length ? `当前在${c.at.map((n) => `「${n.name}」`).join('、')}` : '';
    const good = applied ? c.migrated : c.ok;
    const lands = c.moves.length ? ` → ${c.moves.map((m) => MODE[m.mode](m.to.name)).join('；')}` : '';
    lines.push(`${good ? '✓' : '✗'} ${c.caseId}「${c.title}」 ${at}${good ? lands : ''}`);
    if (applied && !c.migrated) lines.push(`    未迁移：${c.message ?? ''}`);
    else if (!c.ok) for (const r of c.refusals) lines.push(`    不能迁移：${r.message}`);
    else for (const ch of c.changes) lines.push(`    ${changeText(ch, target, undefined, dir)}`);
  }
  return lines.join('\n');
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('把某一版本的办理中案件迁移到新版本：默认只预演（列出每件案件的去向与不能迁移的原因），加 --apply 执行')
    .argument('<definition>', '目标版本的定义文件路径或流程标识')
    .requiredOption('--from <n>', '源版本：迁移这一版的办理中案件')
    .option('--to <n>', '目标版本号（核对 <definition> 的版本）')
    .option('--map <json>', '环节映射 {"源环节":"目标环节"}（JSON 对象，或 @文件）；同名环节默认对应')
    .option('--case <caseId...>', '只迁移这些案件（默认该版本全部办理中案件）')
    .option('--apply', '执行迁移（默认只预演）')
    .option('--reason <text>', '迁移原因（--apply 时必填，写入每件案件的办理记录）')
    .option('--as <user>', '操作人，须为流程管理员（默认环境变量 JICENG_USER）')
    .option('--json', '以 JSON 输出')
    .action(async (ref: string, opts: MigrateOptions) => {
      const from = positiveInt('--from', opts.from)!;
      const to = positiveInt('--to', opts.to);
      const reason = opts.reason?.trim();
      if (opts.apply && !reason) throw new CliError('REASON_REQUIRED', '执行迁移须用 --reason 写明原因（写入每件案件的办理记录）');
      if (reason && reason.length > 2000) throw new CliError('REASON_TOO_LONG', '迁移原因不能超过 2000 字');
      const { definition: target } = loadDefinition(ref, to);
      if (target.version === from) throw new CliError('SAME_VERSION', `源版本与目标版本相同（第 ${from} 版）`);
      const mapping = parseMapping(opts.map, target);
      const dir = loadDirectory();
      const actor = actorFor(dir, opts.as);
      const args = { fromVersion: from, definition: target, mapping };

      const cases = await withClient(async (client) => {
        const ids = opts.case?.length ? [...new Set(opts.case)] : await casesOf(client, target.key, from);
        const out: MigrateCase[] = [];
        for (const id of ids) {
          try {
            out.push(await planCase(client, id, actor, args));
          } catch (err) {
            const e = toCliError(err);
            out.push({ caseId: id, title: '', unit: '', at: [], ok: false, refusals: [{ code: 'IN_TRANSIT', message: e.message }], moves: [], changes: [] });
          }
        }
        if (!opts.apply) return out;
        const { migrateUpdate } = await import('../../workflows/messages.js');
        for (const c of out) {
          try {
            await client.workflow.getHandle(c.caseId).executeUpdate(migrateUpdate, { args: [{ actor, reason: reason!, ...args }] });
            c.migrated = true;
          } catch (err) {
            c.migrated = false;
            c.message = toCliError(err).message;
          }
        }
        return out;
      });
      // Refused cases first (they need attention), then by title.
      cases.sort((a, b) => Number(a.ok) - Number(b.ok) || a.title.localeCompare(b.title, 'zh-CN'));
      const applied = opts.apply ? { reason: reason! } : undefined;
      print(opts, { procedure: target.key, fromVersion: from, toVersion: target.version, applied: !!opts.apply, by: actor.userId, cases }, () => render(cases, target, from, dir, applied));
      if (opts.apply && cases.some((c) => !c.migrated)) process.exitCode = EXIT.rejected;
    });
}
