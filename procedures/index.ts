/**
 * The built-in procedures: the JSON definitions next to this file, parsed with DefinitionSchema.
 * Loaded into the definition store on first start (and editable there as new versions).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefinitionSchema, type Definition } from '../dsl/schema.js';

/** Stable keys of the built-in procedures (file `procedures/<key>.json`). */
export const builtinKeys = [
  'wuyi-liangkai',
  'sibu-xieshang',
  'sanpiao-xuanju',
  'sanjian-yishen',
  'xinfang',
  'dongtai-yujing',
  'liangcun-lianghui',
  'diyi-shuji',
  'dangyuan-fazhan',
  'minsheng-shishi',
  'bamian',
  'daibiao-huiyi',
  'cunwu-gongkai',
  'zhaoji-tiyi',
] as const;
export type BuiltinKey = (typeof builtinKeys)[number];

export const PROCEDURES_DIR = dirname(fileURLToPath(import.meta.url));

/** One built-in definition, parsed (throws a ZodError naming the path when the file is invalid). */
export function loadBuiltinProcedure(key: BuiltinKey): Definition {
  const raw: unknown = JSON.parse(readFileSync(join(PROCEDURES_DIR, `${key}.json`), 'utf8'));
  return DefinitionSchema.parse(raw);
}

/** Every built-in definition, in `builtinKeys` order. */
export function loadBuiltinProcedures(): Definition[] {
  return builtinKeys.map(loadBuiltinProcedure);
}
