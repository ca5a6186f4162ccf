/**
 * `jiceng start <definition-file|key> --title --org [--data json] [--as user] [--version n]`:
 * starts caseWorkflow with the definition snapshot and prints the case id.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CASE_WORKFLOW, caseStartOptions, newCaseId } from '../../temporal/case-start.js';
import type { CaseInput } from '../../workflows/types.js';
import { taskQueue, withClient } from '../client.js';
import { fileDir, loadDefinition, loadSubdefinitions } from '../definitions.js';
import { actorFor, loadDirectory, orgContextFor } from '../directory.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { storedTitle } from '../../server/cases/masking.js';

/** `--data` as inline JSON or `@file.json`. */
export function parseJsonObject(text: string | undefined, what: string): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text);
  } catch (err) {
    throw new CliError('INVALID_JSON', `${what} 不是合法的 JSON：${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new CliError('INVALID_JSON', `${what} 必须是 JSON 对象，如 '{"matter":"修路"}'`);
  return value as Record<string, unknown>;
}

interface StartOptions {
  title: string;
  org: string;
  data?: string;
  params?: string;
  as?: string;
  version?: string;
  json?: boolean;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('发起案件：以流程定义（文件或 procedures/ 中的标识）启动一个案件，输出案件编号')
    .argument('<definition>', '定义文件路径或流程标识')
    .requiredOption('--title <title>', '案件标题')
    .requiredOption('--org <unitId>', '案件所属组织单位')
    .option('--data <json>', '初始表单数据（JSON 对象，或 @文件）')
    .option('--params <json>', '参数覆盖（JSON 对象）')
    .option('--as <user>', '发起人（默认环境变量 JICENG_USER）')
    .option('--version <n>', '流程版本')
    .option('--json', '以 JSON 输出')
    .action(async (ref: string, opts: StartOptions) => {
      const version = opts.version === undefined ? undefined : Number(opts.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new CliError('INVALID_VERSION', `--version 须为正整数，收到「${opts.version}」`);
      const { definition, file } = loadDefinition(ref, version);
      const subdefinitions = loadSubdefinitions(definition, fileDir(file));
      const dir = loadDirectory();
      const initiator = actorFor(dir, opts.as);
      const org = orgContextFor(dir, opts.org);
      const data = parseJsonObject(opts.data, '--data') ?? {};
      // As the API stores it: no sensitive field's value in the title.
      const title = storedTitle(definition, opts.title, data);
      const input: CaseInput = {
        definition,
        title,
        org,
        initiator,
        data,
        ...(opts.params ? { params: parseJsonObject(opts.params, '--params') } : {}),
        ...(Object.keys(subdefinitions).length ? { subdefinitions } : {}),
      };
      const caseId = newCaseId(definition.key);
      // The same start as the API's (temporal/case-start.ts), by workflow name: the CLI does not import the workflow code.
      const options = caseStartOptions(input, { caseId, taskQueue: await taskQueue() });
      await withClient((client) => client.workflow.start(CASE_WORKFLOW, options));
      print(opts, { caseId, procedure: definition.key, version: definition.version, title, org }, () =>
        opts.json ? '' : `${caseId}\n已发起案件「${title}」（${definition.title} 第 ${definition.version} 版，单位 ${org.unit}）`,
      );
    });
}
