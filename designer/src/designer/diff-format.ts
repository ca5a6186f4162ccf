/**
 * The diff (dsl/diff.ts) in words: each changed value's path as the property panel names it
 * (时限, 办理人, 条件表达式 …) and its old and new value as a person reads them — a duration as
 * 15 自然日, a role by its name, a node by its name, a rule as > 1/2 × 实到. Pure: tested in Node.
 */
import { anchorLabel } from '../../../dsl/clock.js';
import type { ValueChange } from '../../../dsl/diff.js';
import type { ClockAnchor, Definition, Duration, Operation, VoteRule } from '../../../dsl/schema.js';
import { translate, type MsgKey } from '../lib/i18n.js';
import type { Lang } from '../lib/format.js';
import { BASE_LABEL, COUNTERSIGN_LABEL, FIELD_FORMAT_LABEL, GATEWAY_LABEL, LIGHT_LABEL, NOTICE_DATE_LABEL, NOTICE_TEMPLATE_LABEL, OPERATION_LABEL, SERVICE_ACTION_LABEL, TIMEOUT_LABEL, UNIT_LABEL } from '../lib/labels.js';

/** The label of each property, by its key (the last meaningful path segment). */
const KEY_LABEL: Record<string, MsgKey> = {
  name: 'name',
  stage: 'stage',
  description: 'description',
  assignment: 'assignment',
  form: 'formFields',
  requiredFields: 'requiredFields',
  deadline: 'deadline',
  duration: 'deadline',
  anchor: 'dfAnchor',
  max: 'dfMax',
  min: 'dfMin',
  cap: 'dfCap',
  extensionOf: 'dfExtensionOf',
  reminders: 'reminders',
  escalateToRole: 'escalateToRole',
  timeoutAction: 'timeoutAction',
  returnTo: 'dfReturnTo',
  warnAtFraction: 'dfWarnAt',
  source: 'dfSource',
  provenance: 'dfProvenance',
  maxExtension: 'dfMaxExtension',
  maxExtensions: 'dfMaxExtensions',
  operations: 'operations',
  returnTargets: 'returnTargets',
  returnToAny: 'returnToAny',
  format: 'fieldFormat',
  note: 'dfNote',
  dueOf: 'svcDueOf',
  dates: 'svcDates',
  actions: 'actions',
  countersign: 'countersign',
  vote: 'voteMode',
  mode: 'dfMode',
  secret: 'secret',
  meetingType: 'meetingType',
  options: 'voteOptions',
  quorum: 'dfQuorum',
  pass: 'dfPass',
  period: 'period',
  channel: 'channel',
  objectorRole: 'dfObjectorRole',
  gateway: 'gatewayType',
  pairedWith: 'dfPairedWith',
  action: 'serviceAction',
  toRole: 'svcToRole',
  toInitiator: 'svcToInitiator',
  message: 'svcMessage',
  template: 'svcTemplate',
  set: 'svcAssignments',
  resultFields: 'svcResultFields',
  level: 'svcLevel',
  reason: 'svcReason',
  indicator: 'svcIndicator',
  definitionKey: 'subprocessKey',
  outcome: 'outcome',
  from: 'dfFrom',
  to: 'dfTo',
  condition: 'edgeCondition',
  default: 'dfDefault',
  label: 'dfLabel',
  title: 'dfTitle',
  category: 'dfCategory',
  roles: 'dfRoles',
  fields: 'dfFields',
  params: 'dfParams',
  summaryFields: 'dfSummaryFields',
  starterRoles: 'dfStarterRoles',
  subjectField: 'dfSubjectField',
};

const ROLE_KEYS = new Set(['role', 'toRole', 'escalateToRole', 'objectorRole', 'tellerRole', 'scrutineerRole', 'voterRole']);
const NODE_KEYS = new Set(['from', 'to', 'pairedWith', 'returnTo', 'nodeId', 'returnTargets', 'approvalNode', 'dueOf']);
/** Optional switches: absent reads as 否. */
const SWITCH_KEYS = new Set(['returnToAny', 'toInitiator', 'secret', 'sensitive', 'required']);
/** A notice's date params: data key → node id. */
const DATE_REF_KEYS = new Set(['dueOf', 'dates']);
const FIELD_KEYS = new Set(['form', 'requiredFields', 'summaryFields', 'subjectField', 'field']);

/** Where the diff's names come from: both versions, so a removed node still has its name. */
export interface DiffContext {
  lang: Lang;
  from: Pick<Definition, 'nodes' | 'roles' | 'fields' | 'params'>;
  to: Pick<Definition, 'nodes' | 'roles' | 'fields' | 'params'>;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function nodeName(ctx: DiffContext, id: string): string {
  return ctx.to.nodes.find((n) => n.id === id)?.name ?? ctx.from.nodes.find((n) => n.id === id)?.name ?? id;
}
const roleName = (ctx: DiffContext, key: string) => ctx.to.roles.find((r) => r.key === key)?.name ?? ctx.from.roles.find((r) => r.key === key)?.name ?? key;
const fieldName = (ctx: DiffContext, key: string) => ctx.to.fields.find((f) => f.key === key)?.label ?? ctx.from.fields.find((f) => f.key === key)?.label ?? key;
/** A notice's date blank (办结期限, 受理日期 …) or a date field, by its name. */
const dateKeyName = (ctx: DiffContext, key: string) => NOTICE_DATE_LABEL[key]?.[ctx.lang] ?? fieldName(ctx, key);

/** "时限 · 起算点", "字段「金额」· 名称", "流程参数「受理期限」· 默认值". */
export function pathLabel(ctx: DiffContext, change: ValueChange, owner: 'node' | 'edge' | 'meta'): string {
  const t = (k: MsgKey) => translate(ctx.lang, k);
  const parts: string[] = [];
  const path = change.path;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    // A keyed entry of the definition (a role, a field, a parameter) by its name.
    if (owner === 'meta' && i === 1 && typeof seg === 'string') {
      const list = path[0];
      const name = list === 'roles' ? roleName(ctx, seg) : list === 'fields' ? fieldName(ctx, seg) : (ctx.to.params.find((p) => p.key === seg)?.label ?? ctx.from.params.find((p) => p.key === seg)?.label ?? seg);
      parts[parts.length - 1] = `${parts.at(-1)}「${name}」`;
      continue;
    }
    // setData's field ← expression: the field by its name.
    if (path[i - 1] === 'set' || path[i - 1] === 'resultFields') {
      parts.push(`「${fieldName(ctx, String(seg))}」`);
      continue;
    }
    // A notice's 办结期限 / 办理日期 by the blank it fills.
    if (DATE_REF_KEYS.has(String(path[i - 1])) && typeof seg === 'string') {
      parts.push(`「${dateKeyName(ctx, seg)}」`);
      continue;
    }
    if (typeof seg === 'number') continue;
    // deadline.duration reads as 时限, not 时限 · 时限; a service node's params.set as 赋值.
    if (seg === 'duration' && path[i - 1] === 'deadline') continue;
    if (seg === 'params' && owner === 'node') continue;
    const key = KEY_LABEL[seg];
    parts.push(key ? t(key) : t('dfOther'));
  }
  return parts.join(' · ');
}

function formatDuration(d: Duration | { amount: number; unit: Duration['unit'] }, lang: Lang): string {
  return `${d.amount} ${UNIT_LABEL[d.unit][lang]}`;
}

/** A value as a person reads it, given the key it sits under. */
export function formatValue(ctx: DiffContext, value: unknown, key?: string | number): string {
  const t = (k: MsgKey) => translate(ctx.lang, k);
  const lang = ctx.lang;
  // An optional switch left out is off.
  if ((value === undefined || value === null) && typeof key === 'string' && SWITCH_KEYS.has(key)) return t('dfNo');
  if (value === undefined || value === null) return t('dfNone');
  const k = typeof key === 'string' ? key : undefined;
  if (typeof value === 'boolean') return value ? t('dfYes') : t('dfNo');
  if (typeof value === 'number') return k === 'warnAtFraction' ? `${Math.round(value * 100)}%` : String(value);
  if (typeof value === 'string') {
    if (k && ROLE_KEYS.has(k)) return roleName(ctx, value);
    if (k && NODE_KEYS.has(k)) return nodeName(ctx, value);
    if (k && FIELD_KEYS.has(k)) return fieldName(ctx, value);
    if (k === 'timeoutAction' && value in TIMEOUT_LABEL) return TIMEOUT_LABEL[value as keyof typeof TIMEOUT_LABEL][lang];
    if (k === 'gateway' && value in GATEWAY_LABEL) return GATEWAY_LABEL[value as keyof typeof GATEWAY_LABEL][lang];
    if (k === 'action' && value in SERVICE_ACTION_LABEL) return SERVICE_ACTION_LABEL[value as keyof typeof SERVICE_ACTION_LABEL][lang];
    if (k === 'template' && value in NOTICE_TEMPLATE_LABEL) return NOTICE_TEMPLATE_LABEL[value as keyof typeof NOTICE_TEMPLATE_LABEL][lang];
    if (k === 'format' && value in FIELD_FORMAT_LABEL) return FIELD_FORMAT_LABEL[value as keyof typeof FIELD_FORMAT_LABEL][lang];
    if (k === 'level' && value in LIGHT_LABEL) return LIGHT_LABEL[value as keyof typeof LIGHT_LABEL][lang];
    return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('dfNone');
    const each = (v: unknown) => {
      if (typeof v === 'string' && k === 'operations' && v in OPERATION_LABEL) return OPERATION_LABEL[v as Operation][lang];
      if (isPlain(v) && 'amount' in v && 'unit' in v) return formatDuration(v as Duration, lang);
      if (isPlain(v) && typeof v.label === 'string') return v.label;
      return formatValue(ctx, v, k === 'returnTargets' ? 'nodeId' : k === 'form' || k === 'requiredFields' || k === 'summaryFields' ? 'field' : k === 'starterRoles' ? 'role' : undefined);
    };
    return value.map(each).join('、');
  }
  if (isPlain(value)) {
    if ('amount' in value && 'unit' in value && typeof value.amount === 'number') return formatDuration(value as Duration, lang) + (typeof value.param === 'string' ? ` (${value.param})` : '');
    if (k === 'assignment' && typeof value.type === 'string') {
      if (value.type === 'role' && typeof value.role === 'string') return `${translate(lang, 'assignRole')}：${roleName(ctx, value.role)}`;
      if (value.type === 'initiator') return t('dfAssignInitiator');
      if (value.type === 'user') return t('dfAssignUsers');
      return `${t('dfAssignExpression')}：${String(value.expr ?? '')}`;
    }
    if (k && DATE_REF_KEYS.has(k)) return Object.entries(value).map(([key, id]) => `${dateKeyName(ctx, key)} ← ${nodeName(ctx, String(id))}`).join('、');
    if (k === 'anchor' && typeof value.kind === 'string') return anchorLabel(value as ClockAnchor, { nodes: [...ctx.to.nodes, ...ctx.from.nodes], fields: [...ctx.to.fields, ...ctx.from.fields] });
    if ('base' in value && 'op' in value && 'num' in value && 'den' in value) {
      const r = value as VoteRule;
      return `${r.op === '>' ? '>' : '≥'} ${r.num}/${r.den} × ${BASE_LABEL[r.base][lang]}`;
    }
    if (k === 'countersign' && typeof value.mode === 'string' && value.mode in COUNTERSIGN_LABEL) return COUNTERSIGN_LABEL[value.mode as keyof typeof COUNTERSIGN_LABEL][lang];
    if (k === 'cap' && isPlain(value.duration)) return formatDuration(value.duration as Duration, lang);
    if (typeof value.label === 'string') return value.label;
    if (typeof value.name === 'string') return value.name;
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 79)}…` : json;
  }
  return String(value);
}

/** One change in words: label, old and new. */
export interface ChangeText {
  label: string;
  from: string;
  to: string;
}

export function describeChange(ctx: DiffContext, change: ValueChange, owner: 'node' | 'edge' | 'meta'): ChangeText {
  // The key a value sits under says how to read it (a role, a node, a duration …).
  const last = [...change.path].reverse().find((s): s is string => typeof s === 'string');
  // Under a notice's dueOf / dates, a value is the node the date comes from.
  const key = DATE_REF_KEYS.has(String(change.path.at(-2))) ? 'nodeId' : last;
  return { label: pathLabel(ctx, change, owner), from: formatValue(ctx, change.from, key), to: formatValue(ctx, change.to, key) };
}
