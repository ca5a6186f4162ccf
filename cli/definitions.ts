/**
 * Where definitions come from on the command line: a JSON file, or a key resolved to
 * procedures/<key>.json (env JICENG_PROCEDURES_DIR overrides the folder). A file may hold the
 * definition itself or `{ definition: … }`. Subprocess definitions are looked up next to the
 * parent file first, then among the procedures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateDefinition, type ValidationIssue } from '../dsl/validate.js';
import type { Definition } from '../dsl/schema.js';
import { PROJECT_ROOT } from '../temporal/temporal-binary.js';
import { CliError } from './errors.js';

export function proceduresDir(): string {
  return process.env.JICENG_PROCEDURES_DIR ?? join(PROJECT_ROOT, 'procedures');
}

const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The file a definition reference names, or undefined when it names nothing. */
export function resolveDefinitionFile(ref: string, near?: string): string | undefined {
  if (existsSync(ref)) return resolve(ref);
  if (!KEY.test(ref)) return undefined;
  for (const dir of [near, proceduresDir()]) {
    if (!dir) continue;
    const file = join(dir, `${ref}.json`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

export type LoadedFile = { ok: true; raw: unknown } | { ok: false; issue: ValidationIssue };

/** Reads a definition file; a missing file or broken JSON becomes an issue, not an exception. */
export function readDefinitionFile(file: string): LoadedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, issue: { code: 'SCHEMA_INVALID', message: `无法读取文件：${(err as Error).message}`, path: [], severity: 'error' } };
  }
  try {
    const json: unknown = JSON.parse(text);
    const inner = json && typeof json === 'object' && 'definition' in json ? (json as { definition: unknown }).definition : json;
    return { ok: true, raw: inner };
  } catch (err) {
    return { ok: false, issue: { code: 'SCHEMA_INVALID', message: `不是合法的 JSON：${(err as Error).message}`, path: [], severity: 'error' } };
  }
}

/** Loads and validates a definition; throws a CliError listing the issues when it is invalid. */
export function loadDefinition(ref: string, version?: number, near?: string): { definition: Definition; file: string } {
  const file = resolveDefinitionFile(ref, near);
  if (!file) throw new CliError('DEFINITION_NOT_FOUND', `找不到流程定义「${ref}」：既不是文件，也没有 ${join(proceduresDir(), `${ref}.json`)}`);
  const loaded = readDefinitionFile(file);
  if (!loaded.ok) throw new CliError('DEFINITION_INVALID', `${file}：${loaded.issue.message}`);
  const result = validateDefinition(loaded.raw);
  if (!result.valid || !result.definition) {
    const errors = result.issues.filter((i) => i.severity === 'error');
    throw new CliError('DEFINITION_INVALID', `流程定义 ${file} 校验未通过（${errors.length} 个错误），请先运行 jiceng validate 查看`, 1, errors);
  }
  if (version !== undefined && result.definition.version !== version) {
    throw new CliError('DEFINITION_VERSION_NOT_FOUND', `流程「${result.definition.key}」在 ${file} 中是第 ${result.definition.version} 版，没有第 ${version} 版`);
  }
  return { definition: result.definition, file };
}

/** Definitions of every subprocess node, recursively, keyed by definition key. */
export function loadSubdefinitions(def: Definition, near: string, acc: Record<string, Definition> = {}): Record<string, Definition> {
  for (const n of def.nodes) {
    if (n.kind !== 'subprocess' || acc[n.definitionKey] || n.definitionKey === def.key) continue;
    const child = loadDefinition(n.definitionKey, n.definitionVersion, near).definition;
    acc[n.definitionKey] = child;
    loadSubdefinitions(child, near, acc);
  }
  return acc;
}

export const fileDir = (file: string) => dirname(file);
