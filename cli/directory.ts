/**
 * Users, their role grants and the org units, until the API's directory exists: a JSON file
 * `{users:[{id, name, grants:[{role, orgUnit}]}], units:[{id, name, level, parentId}]}` from
 * env JICENG_DIRECTORY, else data/directory.json, else procedures/demo/directory.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../temporal/temporal-binary.js';
import type { Actor, OrgContext } from '../workflows/types.js';
import { CliError } from './errors.js';

const UnitSchema = z.object({
  id: z.string().min(1),
  name: z.string().default(''),
  level: z.string().optional(),
  parentId: z.string().nullish(),
});

export const CliDirectorySchema = z.object({
  users: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        name: z.string().max(100).optional(),
        grants: z.array(z.object({ role: z.string().min(1).max(64), orgUnit: z.string().min(1).max(64) })).default([]),
      }),
    )
    .default([]),
  units: z.array(UnitSchema).default([]),
});
export type CliDirectory = z.infer<typeof CliDirectorySchema> & { file?: string };

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
  const parsed = CliDirectorySchema.safeParse(json);
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
  return { userId: user.id, ...(user.name ? { name: user.name } : {}), grants: user.grants };
}

/** The case's org context: the unit, its ancestors nearest first, and its township and county. */
export function orgContextFor(dir: CliDirectory, unitId: string): OrgContext {
  if (dir.units.length === 0) return { unit: unitId, ancestors: [] };
  const byId = new Map(dir.units.map((u) => [u.id, u]));
  const unit = byId.get(unitId);
  if (!unit) throw new CliError('ORG_UNIT_UNKNOWN', `用户目录中没有组织单位「${unitId}」，可选：${dir.units.map((u) => u.id).slice(0, 20).join('、')}`);
  const ancestors: string[] = [];
  let parent = unit.parentId ?? undefined;
  while (parent && !ancestors.includes(parent) && ancestors.length < 10) {
    ancestors.push(parent);
    parent = byId.get(parent)?.parentId ?? undefined;
  }
  const chain = [unit.id, ...ancestors];
  const atLevel = (level: string) => chain.find((id) => byId.get(id)?.level === level);
  const township = atLevel('township');
  const county = atLevel('county');
  return { unit: unit.id, ancestors, ...(township ? { township } : {}), ...(county ? { county } : {}) };
}

export function userName(dir: CliDirectory, id: string): string {
  const u = dir.users.find((x) => x.id === id);
  return u?.name ? `${u.name}(${id})` : id;
}
