/**
 * Reference checks: every role, field, parameter, expression and 退回 target a definition
 * mentions must exist; declarations themselves must be coherent.
 */
import { forwardGraph, reachableFrom, type DefinitionGraph } from './graph.js';
import type { IssueSink } from './validate-issues.js';
import { expressionProblemMessage, expressionProblems } from './validate-expressions.js';
import { checkVote } from './validate-vote.js';
import { checkDeadlineRules, type ClockCheckContext } from './validate-clock.js';
import { Precedence } from './precedence.js';
import type { Duration, HumanNode, Node, NoticeTemplate } from './schema.js';
import { DEFAULT_DUE_KEY, noticeDateKeys } from './notice-dates.js';

interface Ctx {
  sink: IssueSink;
  roles: Set<string>;
  fields: Set<string>;
  params: Set<string>;
  clock: ClockCheckContext;
}

function duplicates<T>(items: T[], key: (t: T) => string): number[] {
  const seen = new Set<string>();
  const dup: number[] = [];
  items.forEach((it, i) => {
    const k = key(it);
    if (seen.has(k)) dup.push(i);
    seen.add(k);
  });
  return dup;
}

export function checkDeclarations(sink: IssueSink): void {
  const { def } = sink;
  for (const i of duplicates(def.roles, (r) => r.key)) {
    sink.add({ code: 'DUPLICATE_KEY', message: `角色标识「${def.roles[i]!.key}」重复定义`, path: ['roles', i, 'key'], field: 'key' });
  }
  for (const i of duplicates(def.fields, (f) => f.key)) {
    sink.add({ code: 'DUPLICATE_KEY', message: `字段标识「${def.fields[i]!.key}」重复定义`, path: ['fields', i, 'key'], field: 'key' });
  }
  for (const i of duplicates(def.params, (p) => p.key)) {
    sink.add({ code: 'DUPLICATE_KEY', message: `参数标识「${def.params[i]!.key}」重复定义`, path: ['params', i, 'key'], field: 'key' });
  }

  def.fields.forEach((f, i) => {
    if ((f.type === 'select' || f.type === 'multiSelect') && !f.options?.length) {
      sink.add({ code: 'FIELD_OPTIONS_MISSING', message: `选择字段「${f.label}」(${f.key}) 没有选项，请添加选项`, path: ['fields', i, 'options'], field: 'options' });
    }
    if (f.type === 'table' && !f.columns?.length) {
      sink.add({ code: 'FIELD_COLUMNS_MISSING', message: `表格字段「${f.label}」(${f.key}) 没有列，请定义表格的列`, path: ['fields', i, 'columns'], field: 'columns' });
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
      sink.add({ code: 'FIELD_RANGE_INVALID', message: `字段「${f.label}」(${f.key}) 的最小值 ${f.min} 大于最大值 ${f.max}`, path: ['fields', i, 'min'], field: 'min' });
    }
  });

  def.params.forEach((p, i) => {
    const where = `参数「${p.label}」(${p.key})`;
    const d = p.default;
    const typeOk =
      p.type === 'number' ? typeof d === 'number' : p.type === 'boolean' ? typeof d === 'boolean' : p.type === 'fraction' ? typeof d === 'object' : typeof d === 'string';
    if (!typeOk) {
      sink.add({ code: 'PARAM_TYPE_MISMATCH', message: `${where}的类型是 ${p.type}，默认值 ${JSON.stringify(d)} 与类型不符`, path: ['params', i, 'default'], field: 'default' });
    }
    const value = typeof d === 'number' ? d : typeof d === 'object' ? d.num / d.den : undefined;
    const shown = typeof d === 'object' ? `${d.num}/${d.den}` : String(d);
    if (value !== undefined && ((p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max))) {
      sink.add({
        code: 'PARAM_DEFAULT_OUT_OF_RANGE',
        message: `${where}的默认值 ${shown} 超出允许范围 ${p.min ?? '-∞'} ～ ${p.max ?? '+∞'}${p.provenance === 'STAT' ? '（法定标准，不得突破）' : ''}`,
        path: ['params', i, 'default'],
        field: 'default',
      });
    }
    if (p.provenance === 'UNCERTAIN' && !p.note?.trim()) {
      sink.add({
        code: 'PARAM_UNCERTAIN_NO_NOTE',
        message: `${where}标为「待核实」(UNCERTAIN)，请在说明中写明不确定的原因和依据，供管理员取舍`,
        path: ['params', i, 'note'],
        field: 'note',
        severity: 'warning',
      });
    }
  });

  const roles = new Set(def.roles.map((r) => r.key));
  def.starterRoles?.forEach((role, j) => {
    if (roles.has(role)) return;
    const known = [...roles].join('、') || '（尚未定义任何角色）';
    sink.add({ code: 'UNKNOWN_ROLE', message: `可发起角色「${role}」未在角色中定义。已定义的角色：${known}`, path: ['starterRoles', j], field: 'starterRoles' });
  });
  if (def.subjectField !== undefined) {
    const f = def.fields.find((x) => x.key === def.subjectField);
    if (!f) sink.add({ code: 'UNKNOWN_FIELD', message: `案件当事人字段「${def.subjectField}」未在字段中定义`, path: ['subjectField'], field: 'subjectField' });
    else if (f.type !== 'person') {
      sink.add({ code: 'SUBJECT_FIELD_NOT_PERSON', message: `案件当事人字段「${f.label}」(${f.key}) 应为“人员”类型，现为 ${f.type}`, path: ['subjectField'], field: 'subjectField' });
    }
  }
  def.summaryFields.forEach((k, j) => {
    if (!def.fields.some((f) => f.key === k)) {
      sink.add({ code: 'UNKNOWN_FIELD', message: `摘要字段「${k}」未在字段中定义`, path: ['summaryFields', j], field: 'summaryFields' });
    }
  });
}

function checkExpression(ctx: Ctx, expr: string, where: string, at: { nodeIndex?: number; edgeIndex?: number; sub: (string | number)[] }): void {
  for (const p of expressionProblems(expr, ctx.fields, ctx.params)) {
    const message = expressionProblemMessage(p, where, expr);
    if (at.nodeIndex !== undefined) ctx.sink.node(at.nodeIndex, p.code, message, { sub: at.sub, field: at.sub.join('.') });
    else if (at.edgeIndex !== undefined) ctx.sink.edge(at.edgeIndex, p.code, message, { field: String(at.sub[0]) });
  }
}

function checkRole(ctx: Ctx, i: number, role: string | undefined, sub: (string | number)[], what: string): void {
  if (role === undefined || ctx.roles.has(role)) return;
  const known = [...ctx.roles].join('、') || '（尚未定义任何角色）';
  ctx.sink.node(i, 'UNKNOWN_ROLE', `${ctx.sink.label(ctx.sink.def.nodes[i]!.id)}的${what}「${role}」未在角色中定义。已定义的角色：${known}`, {
    sub,
    field: sub.filter((s) => typeof s === 'string').join('.'),
  });
}

function checkField(ctx: Ctx, i: number, key: string | undefined, sub: (string | number)[], what: string): void {
  if (key === undefined || ctx.fields.has(key)) return;
  ctx.sink.node(i, 'UNKNOWN_FIELD', `${ctx.sink.label(ctx.sink.def.nodes[i]!.id)}的${what}「${key}」未在字段中定义，请先定义该字段或改正名称`, {
    sub,
    field: sub.filter((s) => typeof s === 'string').join('.'),
  });
}

/** A notice's dueOf / dates: each names a step that exists (with a deadline / completed by someone) and a blank the document has. */
function checkNoticeDates(ctx: Ctx, i: number, params: { template: NoticeTemplate; dueOf?: string | Record<string, string>; dates?: Record<string, string> }): void {
  const { sink } = ctx;
  const label = sink.label(sink.def.nodes[i]!.id);
  const keys = new Set([...noticeDateKeys(params.template, sink.def), ...ctx.fields]);
  const check = (param: 'dueOf' | 'dates', key: string, nodeId: string, keyed: boolean) => {
    const what = param === 'dueOf' ? '办结期限' : '办理日期';
    const sub = ['params', param, ...(keyed ? [key] : [])];
    const issue = (message: string) => sink.node(i, 'NOTICE_UNKNOWN_REF', message, { sub, field: `params.${param}` });
    const target = sink.def.nodes.find((n) => n.id === nodeId);
    if (!target) return issue(`${label}的${what}引用的环节「${nodeId}」不存在，请从列表中重新选择`);
    const human = target.kind === 'task' || target.kind === 'vote' || target.kind === 'publicity';
    if (!human) return issue(`${label}的${what}引用的${sink.label(nodeId)}不是有人办理的环节，没有${param === 'dueOf' ? '办理期限' : '办理日期'}`);
    if (param === 'dueOf' && !target.deadline) return issue(`${label}的办结期限引用的${sink.label(nodeId)}没有设置办理时限`);
    if (keyed && !keys.has(key)) issue(`${label}要填写的日期「${key}」既不是该文书模板的日期栏，也不是已定义的字段`);
  };
  if (typeof params.dueOf === 'string') check('dueOf', DEFAULT_DUE_KEY, params.dueOf, false);
  else for (const [key, nodeId] of Object.entries(params.dueOf ?? {})) check('dueOf', key, nodeId, true);
  for (const [key, nodeId] of Object.entries(params.dates ?? {})) check('dates', key, nodeId, true);
}

function checkDuration(ctx: Ctx, i: number, d: Duration, sub: (string | number)[], what: string): void {
  if (d.param === undefined) return;
  const field = sub.filter((s) => typeof s === 'string').join('.');
  const p = ctx.sink.def.params.find((x) => x.key === d.param);
  const label = ctx.sink.label(ctx.sink.def.nodes[i]!.id);
  if (!p) {
    ctx.sink.node(i, 'UNKNOWN_PARAM', `${label}的${what}引用了未定义的参数「${d.param}」`, { sub: [...sub, 'param'], field: `${field}.param` });
  } else if (p.type !== 'number') {
    ctx.sink.node(i, 'PARAM_TYPE_MISMATCH', `${label}的${what}引用的参数「${p.label}」(${p.key}) 类型是 ${p.type}，期限需要 number 类型`, {
      sub: [...sub, 'param'],
      field: `${field}.param`,
    });
  }
}

function checkReturnTarget(ctx: Ctx, g: DefinitionGraph, i: number, node: Node, target: string, sub: (string | number)[]): void {
  const { sink } = ctx;
  const label = sink.label(node.id);
  const ti = sink.nodeIndex.get(target);
  const t = ti === undefined ? undefined : sink.def.nodes[ti];
  const field = sub.filter((s) => typeof s === 'string').join('.');
  let why: string | undefined;
  if (!t) why = '该节点不存在';
  else if (t.id === node.id) why = '不能退回到本环节自身';
  else if (t.kind === 'end' || (t.kind === 'gateway' && t.gateway === 'parallelJoin')) why = `不能退回到${t.kind === 'end' ? '结束节点' : '并行汇聚网关'}`;
  else if (!reachableFrom(g, [t.id]).has(node.id)) why = `${sink.label(t.id)}不在通往本环节的任何路径上（不计退回连线）`;
  if (why) sink.node(i, 'INVALID_RETURN_TARGET', `${label}的退回目标「${target}」无效：${why}。退回只能指向本环节之前的环节`, { sub, field });
}

function checkHuman(ctx: Ctx, g: DefinitionGraph, i: number, node: HumanNode): void {
  const { sink } = ctx;
  const label = sink.label(node.id);
  const a = node.assignment;
  switch (a.type) {
    case 'role':
      checkRole(ctx, i, a.role, ['assignment', 'role'], '办理角色');
      if (a.scope === 'field') {
        if (a.orgField === undefined) {
          sink.node(i, 'ORG_FIELD_MISSING', `${label}按字段确定办理单位（scope=field），但没有指定 orgField`, { sub: ['assignment', 'orgField'], field: 'assignment.orgField' });
        } else checkField(ctx, i, a.orgField, ['assignment', 'orgField'], '办理单位字段');
      }
      break;
    case 'expression':
      checkExpression(ctx, a.expr, `${label}的办理人`, { nodeIndex: i, sub: ['assignment', 'expr'] });
      break;
    case 'user':
    case 'initiator':
      break;
    default: {
      const never: never = a;
      return never;
    }
  }
  node.form.forEach((k, j) => checkField(ctx, i, k, ['form', j], '表单字段'));
  const inForm = new Set(node.form);
  node.requiredFields.forEach((k, j) => {
    if (!ctx.fields.has(k)) checkField(ctx, i, k, ['requiredFields', j], '必填字段');
    else if (!inForm.has(k)) {
      sink.node(i, 'REQUIRED_NOT_IN_FORM', `${label}要求必填字段「${k}」，但它不在该环节的表单上，办理人无法填写`, { sub: ['requiredFields', j], field: 'requiredFields' });
    }
  });

  if (node.deadline) {
    const d = node.deadline;
    checkDuration(ctx, i, d.duration, ['deadline', 'duration'], '办理时限');
    d.reminders.forEach((r, j) => checkDuration(ctx, i, r, ['deadline', 'reminders', j], '提醒时间'));
    if (d.cap) checkDuration(ctx, i, d.cap.duration, ['deadline', 'cap', 'duration'], '总时限上限');
    checkRole(ctx, i, d.escalateToRole, ['deadline', 'escalateToRole'], '超期督办角色');
    checkDeadlineRules(ctx.clock, i, node);
    if (d.returnTo !== undefined) checkReturnTarget(ctx, g, i, node, d.returnTo, ['deadline', 'returnTo']);
    else if (d.timeoutAction === 'autoReturn' && node.returnTargets.length === 0) {
      sink.node(i, 'RETURN_TARGET_MISSING', `${label}超时后自动退回，但没有指定退回到哪个环节（deadline.returnTo）`, { sub: ['deadline', 'returnTo'], field: 'deadline.returnTo' });
    }
  } else if (node.kind !== 'publicity') {
    sink.node(i, 'MISSING_DEADLINE', `${KIND_TEXT[node.kind]}${label}没有办理时限，请设置期限（时长与单位，如 5 个工作日），以便提醒、督办和亮灯`, { field: 'deadline' });
  }
  node.returnTargets.forEach((t, j) => checkReturnTarget(ctx, g, i, node, t, ['returnTargets', j]));

  // 加签/减签 change who signs: only a countersign task has signers (the engine refuses it elsewhere).
  const signerOps = node.operations.filter((o) => o === 'addSigner' || o === 'removeSigner');
  if (signerOps.length > 0 && !(node.kind === 'task' && node.countersign.mode !== 'single')) {
    sink.node(i, 'SIGNER_OP_WITHOUT_COUNTERSIGN', `${label}不是会签环节，加签/减签不会生效；请改为会签（会签/或签/依次/票签）或取消这两项操作`, {
      sub: ['operations', node.operations.indexOf(signerOps[0]!)],
      field: 'operations',
      severity: 'warning',
    });
  }

  switch (node.kind) {
    case 'task': {
      for (const j of duplicates(node.actions, (x) => x.name)) {
        sink.node(i, 'DUPLICATE_KEY', `${label}的办理动作「${node.actions[j]!.name}」重复`, { sub: ['actions', j, 'name'], field: 'actions' });
      }
      break;
    }
    case 'vote': {
      const v = node.vote;
      checkRole(ctx, i, v.tellerRole, ['vote', 'tellerRole'], '计票人角色');
      checkRole(ctx, i, v.scrutineerRole, ['vote', 'scrutineerRole'], '监票人角色');
      checkRole(ctx, i, v.voterRole, ['vote', 'voterRole'], '投票人角色');
      v.groups.forEach((gr, j) => checkRole(ctx, i, gr.role, ['vote', 'groups', j, 'role'], `投票人群体「${gr.label}」的角色`));
      if (v.options.type === 'candidates') {
        checkField(ctx, i, v.options.candidatesField, ['vote', 'options', 'candidatesField'], '候选人字段');
        checkField(ctx, i, v.options.resultField, ['vote', 'options', 'resultField'], '结果字段');
      }
      checkField(ctx, i, v.trustGate?.field, ['vote', 'trustGate', 'field'], '信任度字段');
      if (v.options.type === 'candidates' && v.options.seatsParam !== undefined) {
        const key = v.options.seatsParam;
        const p = sink.def.params.find((x) => x.key === key);
        const sub = ['vote', 'options', 'seatsParam'];
        if (!p) sink.node(i, 'UNKNOWN_PARAM', `${label}的应选人数引用了未定义的参数「${key}」`, { sub, field: 'vote.options.seatsParam' });
        else if (p.type !== 'number') {
          sink.node(i, 'PARAM_TYPE_MISMATCH', `${label}的应选人数引用的参数「${p.label}」(${p.key}) 类型是 ${p.type}，应选人数需要 number 类型`, { sub, field: 'vote.options.seatsParam' });
        }
      }
      for (const [sub, rule] of [
        [['vote', 'pass'], v.pass],
        ...(v.quorum?.rules ?? []).map((r, j) => [['vote', 'quorum', 'rules', j], r] as const),
      ] as const) {
        if (rule.baseParam !== undefined) {
          const bp = sink.def.params.find((x) => x.key === rule.baseParam);
          const bfield = `${sub.filter((s) => typeof s === 'string').join('.')}.baseParam`;
          const bases = ['entitled', 'present', 'cast', 'all'];
          if (!bp) sink.node(i, 'UNKNOWN_PARAM', `${label}的表决规则的计算基数引用了未定义的参数「${rule.baseParam}」`, { sub: [...sub, 'baseParam'], field: bfield });
          else if (bp.type !== 'select' || !(bp.options ?? []).every((o) => bases.includes(o.value)) || !bases.includes(String(bp.default))) {
            sink.node(i, 'PARAM_TYPE_MISMATCH', `${label}的表决规则的计算基数引用的参数「${bp.label}」(${bp.key}) 须为选择类型，选项只能是应到(entitled)、实到(present)、投票数(cast)、全体(all)`, {
              sub: [...sub, 'baseParam'],
              field: bfield,
            });
          }
        }
        if (rule.param === undefined) continue;
        const p = sink.def.params.find((x) => x.key === rule.param);
        const field = `${sub.filter((s) => typeof s === 'string').join('.')}.param`;
        if (!p) sink.node(i, 'UNKNOWN_PARAM', `${label}的表决规则引用了未定义的参数「${rule.param}」`, { sub: [...sub, 'param'], field });
        else if (p.type !== 'fraction') {
          sink.node(i, 'PARAM_TYPE_MISMATCH', `${label}的表决规则引用的参数「${p.label}」(${p.key}) 类型是 ${p.type}，表决比例需要 fraction 类型`, { sub: [...sub, 'param'], field });
        }
      }
      checkVote(sink, i, node);
      break;
    }
    case 'publicity':
      checkDuration(ctx, i, node.period, ['period'], '公示期');
      checkRole(ctx, i, node.objectorRole, ['objectorRole'], '异议人角色');
      break;
    default: {
      const never: never = node;
      return never;
    }
  }
}

const KIND_TEXT: Record<HumanNode['kind'], string> = { task: '任务', vote: '表决', publicity: '公示' };

/** setData's field → expression map: either `params` itself or `params.set` / `params.fields`. */
export function checkNodeRefs(sink: IssueSink, graph: DefinitionGraph): void {
  const { def } = sink;
  // "Earlier" ignores loop-back edges: otherwise every node of a 退回 loop is earlier than every other.
  const start = def.nodes.find((n) => n.kind === 'start');
  const g = start ? forwardGraph(graph, start.id) : graph;
  const ctx: Ctx = {
    sink,
    roles: new Set(def.roles.map((r) => r.key)),
    fields: new Set(def.fields.map((f) => f.key)),
    params: new Set(def.params.map((p) => p.key)),
    clock: {
      sink,
      params: Object.fromEntries(def.params.map((p) => [p.key, p.default])),
      precedence: start && def.nodes.filter((n) => n.kind === 'start').length === 1 ? new Precedence(def, start.id) : undefined,
    },
  };
  def.nodes.forEach((node, i) => {
    if (sink.nodeIndex.get(node.id) !== i) return;
    const label = sink.label(node.id);
    switch (node.kind) {
      case 'task':
      case 'vote':
      case 'publicity':
        checkHuman(ctx, g, i, node);
        return;
      case 'timer':
        checkDuration(ctx, i, node.duration, ['duration'], '等待时长');
        return;
      case 'service': {
        if (node.action === 'notify' && node.params.toRole !== undefined) checkRole(ctx, i, node.params.toRole, ['params', 'toRole'], '通知角色');
        if (node.action === 'notice' && node.params.field !== undefined) checkField(ctx, i, node.params.field, ['params', 'field'], '接收文书编号的字段');
        if (node.action === 'notice') checkNoticeDates(ctx, i, node.params);
        if (node.action === 'callout') {
          for (const field of Object.keys(node.params.resultFields ?? {})) checkField(ctx, i, field, ['params', 'resultFields', field], '接收对接结果的字段');
        }
        if (node.action === 'setData') {
          for (const [field, expr] of Object.entries(node.params.set)) {
            checkField(ctx, i, field, ['params', 'set', field], '赋值字段');
            checkExpression(ctx, expr, `${label}给字段「${field}」赋值`, { nodeIndex: i, sub: ['params', 'set', field] });
          }
        }
        return;
      }
      case 'subprocess':
        for (const [childField, expr] of Object.entries(node.input)) {
          checkExpression(ctx, expr, `${label}传给子流程字段「${childField}」`, { nodeIndex: i, sub: ['input', childField] });
        }
        for (const parentField of Object.keys(node.output)) checkField(ctx, i, parentField, ['output', parentField], '接收子流程结果的字段');
        if (node.definitionKey === def.key) {
          sink.node(i, 'SUBPROCESS_SELF', `子流程${label}启动的是本流程自身（${def.key}），会无限递归，请确认`, { field: 'definitionKey', severity: 'warning' });
        }
        return;
      case 'start':
      case 'end':
      case 'gateway':
        return;
      default: {
        const never: never = node;
        return never;
      }
    }
  });
  def.edges.forEach((e, j) => {
    if (e.condition === undefined) return;
    const from = sink.nodeIndex.has(e.from) ? `从${sink.label(e.from)}出发的连线「${e.id}」` : `连线「${e.id}」`;
    checkExpression(ctx, e.condition, `${from}条件`, { edgeIndex: j, sub: ['condition'] });
  });
}
