/**
 * Users, their role grants and the org units, until the API's directory exists: a JSON file
 * `{users:[{id, name, grants:[{role, orgUnit}]}], units:[{id, name, level, parentId}]}` from
 * env JICENG_DIRECTORY, else data/directory.json, else procedures/demo/directory.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../temporal/temporal-binary.js';
import type { Actor, OrgContext } from '../dsl/org.js';
import { actorOfUser, DirectoryFileSchema, orgContextOf, unitsById, type DirectoryFile } from '../dsl/directory.js';
import { CliError } from './errors.js';

export type CliDirectory = DirectoryFile & { file?: string };

export function directoryFile(): string | undefined {
  const candidates = [process.env.JICENG_DIRECTORY, join(PROJECT_ROOT, 'data', 'directory.json'), join(PROJECT_ROOT, 'procedures', 'demo', 'directory.json')];
  return candidates.find((f): f is string => !!f && existsSync(f));
}

export function loadDirectory(): CliDirectory {
  const file = directoryFile();
  if (!file) return { users: [], units: [] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError('DIRECTORY_INVALID', `用户目录 ${file} 不是合法的 JSON：${(err as Error).message}`);
  }
  const parsed = DirectoryFileSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new CliError('DIRECTORY_INVALID', `用户目录 ${file} 格式有误：${i?.path.join('.')} ${i?.message}`);
  }
  return { ...parsed.data, file };
}

/** The acting user with their grants; `--as` falls back to env JICENG_USER. */
export function actorFor(dir: CliDirectory, userId: string | undefined): Actor {
  const id = userId ?? process.env.JICENG_USER;
  if (!id) throw new CliError('USER_REQUIRED', '请用 --as <用户> 指定以谁的身份操作（或设置环境变量 JICENG_USER）');
  const user = dir.users.find((u) => u.id === id);
  if (!user) {
    const where = dir.file ? `用户目录 ${dir.file}` : '用户目录（未找到目录文件，可设置 JICENG_DIRECTORY）';
    throw new CliError('USER_UNKNOWN', `${where}中没有用户「${id}」`);
  }
  return actorOfUser(user);
}

/** The case's org context: the unit, its ancestors nearest first, and its township and county. */
export function orgContextFor(dir: CliDirectory, unitId: string): OrgContext {
  if (dir.units.length === 0) return { unit: unitId, ancestors: [] };
  const org = orgContextOf(unitsById(dir.units), unitId);
  if (!org) throw new CliError('ORG_UNIT_UNKNOWN', `用户目录中没有组织单位「${unitId}」，可选：${dir.units.map((u) => u.id).slice(0, 20).join('、')}`);
  return org;
}

export function userName(dir: CliDirectory, id: string): string {
  const u = dir.users.find((x) => x.id === id);
  return u?.name ? `${u.name}(${id})` : id;
}
