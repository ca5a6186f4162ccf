/**
 * Form data checks (pure): a zod object built from the definition's field definitions for the
 * keys of a node's form, and the required-field check. Used by the complete-update validator.
 */
import { z } from 'zod';
import type { FieldDef } from '../../dsl/schema.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function fieldSchema(f: FieldDef): z.ZodType {
  const values = (f.options ?? []).map((o) => o.value);
  switch (f.type) {
    case 'text':
    case 'longText': {
      let s = z.string();
      if (f.maxLength) s = s.max(f.maxLength);
      return s;
    }
    case 'number':
    case 'money': {
      let n = z.number();
      if (f.min !== undefined) n = n.min(f.min);
      if (f.max !== undefined) n = n.max(f.max);
      return n;
    }
    case 'date':
      return z.string().regex(ISO_DATE, { message: '日期格式应为 YYYY-MM-DD' });
    case 'boolean':
      return z.boolean();
    case 'select':
      return values.length ? z.string().refine((v) => values.includes(v), { message: '不是可选值' }) : z.string();
    case 'multiSelect':
      return z.array(values.length ? z.string().refine((v) => values.includes(v), { message: '不是可选值' }) : z.string());
    case 'person':
    case 'orgUnit':
      return z.union([z.string().min(1), z.array(z.string().min(1))]);
    case 'attachment':
      return z.union([z.string().min(1), z.array(z.string().min(1))]);
    case 'table':
      return z.array(z.record(z.string(), z.unknown()));
    case 'textList':
      return z.array(z.string().trim().min(1, { message: '不能有空行' }).max(f.maxLength ?? 200)).max(f.max ?? 200);
    default: {
      const never: never = f.type;
      throw new Error(`unknown field type ${String(never)}`);
    }
  }
}

/** Strict object over the form's keys: unknown keys and wrong types are rejected; null clears. */
export function formSchema(fields: readonly FieldDef[], formKeys: readonly string[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const key of formKeys) {
    const f = fields.find((x) => x.key === key);
    if (f) shape[key] = fieldSchema(f).nullable().optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
}

/** zh-CN detail of the first problem, with the field label. */
export function formProblem(fields: readonly FieldDef[], formKeys: readonly string[], data: Record<string, unknown>): string | undefined {
  const r = formSchema(fields, formKeys).safeParse(data);
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  if (!issue) return '表单数据无效';
  if (issue.code === 'unrecognized_keys') return `本环节表单没有字段：${issue.keys.join('、')}`;
  const key = String(issue.path[0] ?? '');
  const label = fields.find((f) => f.key === key)?.label ?? key;
  return `${label}：${issue.message}`;
}

function filled(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim().length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Required fields still empty after merging the submitted data over the case data. */
export function missingRequired(
  fields: readonly FieldDef[],
  required: readonly string[],
  caseData: Record<string, unknown>,
  submitted: Record<string, unknown>,
): string[] {
  return required
    .filter((k) => !filled(k in submitted ? submitted[k] : caseData[k]))
    .map((k) => fields.find((f) => f.key === k)?.label ?? k);
}
