/**
 * Form data checks (pure: the engine's update validator, the API before it sends an update, and
 * the web form before it sends anything run the same code). A zod object built from the
 * definition's field definitions for the keys of a node's form, the format checks of
 * dsl/field-formats.ts, and the required-field check — every problem with the path of its field.
 */
import { z } from 'zod';
import type { FieldDef } from './schema.js';
import { dateProblem, formatProblem, moneyProblem } from './field-formats.js';

/** One problem of a form, at `path` (the field key, then a row/column for tables). */
export interface FormIssue {
  path: (string | number)[];
  message: string;
}

const checked = <T>(schema: z.ZodType<T>, problem: (v: T) => string | undefined): z.ZodType<T> =>
  schema.superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', message });
  }) as unknown as z.ZodType<T>;

function fieldSchema(f: FieldDef): z.ZodType {
  const values = (f.options ?? []).map((o) => o.value);
  const option = z.string().refine((v) => values.includes(v), { message: '不是可选值' });
  switch (f.type) {
    case 'text':
    case 'longText': {
      let s = z.string({ message: '应为文字' });
      if (f.maxLength) s = s.max(f.maxLength, { message: `不能超过 ${f.maxLength} 个字` });
      const format = f.format;
      // An empty text is "not filled" (the required check says so), not a malformed number.
      return format ? checked(s, (v) => (v.trim() === '' ? undefined : formatProblem(format, v))) : s;
    }
    case 'number':
    case 'money': {
      let n = z.number({ message: '应为数字' });
      if (f.min !== undefined) n = n.min(f.min, { message: `不能小于 ${f.min}` });
      if (f.max !== undefined) n = n.max(f.max, { message: `不能大于 ${f.max}` });
      return f.type === 'money' ? checked(n, moneyProblem) : n;
    }
    case 'date':
      return checked(z.string({ message: '日期格式应为 YYYY-MM-DD' }), dateProblem);
    case 'boolean':
      return z.boolean({ message: '应为“是”或“否”' });
    case 'select':
      return values.length ? option : z.string();
    case 'multiSelect':
      return z.array(values.length ? option : z.string());
    case 'person':
    case 'orgUnit':
    case 'attachment':
      return z.union([z.string().min(1), z.array(z.string().min(1))], { message: '请选择' });
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

const labelOf = (fields: readonly FieldDef[], key: string) => fields.find((f) => f.key === key)?.label ?? key;

function filled(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim().length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Required fields still empty after merging the submitted data over the case data (their keys). */
export function missingRequiredKeys(required: readonly string[], caseData: Record<string, unknown>, submitted: Record<string, unknown>): string[] {
  return required.filter((k) => !filled(k in submitted ? submitted[k] : caseData[k]));
}

/** Labels of the required fields still empty. */
export function missingRequired(
  fields: readonly FieldDef[],
  required: readonly string[],
  caseData: Record<string, unknown>,
  submitted: Record<string, unknown>,
): string[] {
  return missingRequiredKeys(required, caseData, submitted).map((k) => labelOf(fields, k));
}

/**
 * Every problem of the submitted data, each at its field's path: wrong types and formats, unknown
 * keys, and — when `required` is given — required fields left empty (「请填写事项名称」).
 */
export function formIssues(
  fields: readonly FieldDef[],
  formKeys: readonly string[],
  data: Record<string, unknown>,
  required?: { keys: readonly string[]; caseData: Record<string, unknown> },
): FormIssue[] {
  const out: FormIssue[] = [];
  const r = formSchema(fields, formKeys).safeParse(data);
  if (!r.success) {
    for (const issue of r.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) out.push({ path: [k], message: `本环节表单没有字段：${k}` });
        continue;
      }
      const key = String(issue.path[0] ?? '');
      if (out.some((o) => o.path[0] === key)) continue; // one message per field
      out.push({ path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), message: issue.message });
    }
  }
  if (required) {
    for (const k of missingRequiredKeys(required.keys, required.caseData, data)) {
      if (!out.some((o) => o.path[0] === k)) out.push({ path: [k], message: `请填写${labelOf(fields, k)}` });
    }
  }
  // In the order the form shows its fields, so "the first error" is the first on screen.
  const order = (i: FormIssue) => {
    const at = formKeys.indexOf(String(i.path[0]));
    return at < 0 ? formKeys.length : at;
  };
  return out.sort((a, b) => order(a) - order(b));
}

/** One line for a banner or a log: 「联系电话：手机号应为 11 位数字…」. */
export function issueLine(fields: readonly FieldDef[], issue: FormIssue): string {
  return `${labelOf(fields, String(issue.path[0] ?? ''))}：${issue.message}`;
}

/** zh-CN detail of the first problem, with the field label (required fields not checked). */
export function formProblem(fields: readonly FieldDef[], formKeys: readonly string[], data: Record<string, unknown>): string | undefined {
  const first = formIssues(fields, formKeys, data)[0];
  if (!first) return undefined;
  return first.message.startsWith('本环节表单没有字段') ? first.message : issueLine(fields, first);
}
