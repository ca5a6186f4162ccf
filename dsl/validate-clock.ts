/**
 * Checks of a human node's deadline beyond its references: statutory bounds (a [STAT] period may be
 * shortened, never lengthened — nor a petitioner's window shortened), a period of zero, 督办 without
 * a role to escalate to, and clock anchors that must name an event which has happened before the
 * node on every path (an anchor node, a date field some earlier node requires, an extended node).
 */
import { effectiveAmount, exceedsBound, fallsShortOf, periodText } from './clock.js';
import type { Precedence } from './precedence.js';
import type { ClockAnchor, Deadline, Duration, HumanNode, PeriodBound } from './schema.js';
import type { IssueSink } from './validate-issues.js';

export interface ClockCheckContext {
  sink: IssueSink;
  /** Parameter values (the definition's defaults, or a case's overrides). */
  params: Record<string, unknown>;
  /** Undefined when the graph has no single start (reported elsewhere). */
  precedence?: Precedence;
}

const isHuman = (kind: string) => kind === 'task' || kind === 'vote' || kind === 'publicity';

function periodChecks(c: ClockCheckContext, i: number, d: Duration, sub: (string | number)[], what: string, bounds: { max?: PeriodBound; min?: PeriodBound; source?: string }): void {
  const { sink } = c;
  const label = sink.label(sink.def.nodes[i]!.id);
  const amount = effectiveAmount(d, c.params);
  const byParam = d.param !== undefined && amount !== d.amount ? `（参数「${d.param}」取值 ${amount}）` : '';
  const at = d.param !== undefined ? [...sub, 'param'] : [...sub, 'amount'];
  const field = at.filter((s) => typeof s === 'string').join('.');
  const shown = periodText({ amount, unit: d.unit });
  const cite = bounds.source ? `（${bounds.source}）` : '';
  if (amount === 0) {
    sink.node(i, 'DEADLINE_NOT_POSITIVE', `${label}的${what}为 0${byParam}：时限必须大于 0，否则任务一开始就已超期`, { sub: at, field });
    return;
  }
  const unitHint = (b: PeriodBound) => (b.unit !== d.unit ? `；单位不同时无法保证不突破法定期限，请改用「${periodText(b).replace(/^\d+/, '')}」` : '');
  if (bounds.max && exceedsBound(amount, d.unit, bounds.max)) {
    sink.node(i, 'DEADLINE_ABOVE_CEILING', `${label}的${what} ${shown}${byParam}超过法定上限 ${periodText(bounds.max)}${cite}：法定期限只能缩短，不能延长${unitHint(bounds.max)}`, { sub: at, field });
  }
  if (bounds.min && fallsShortOf(amount, d.unit, bounds.min)) {
    sink.node(i, 'DEADLINE_BELOW_FLOOR', `${label}的${what} ${shown}${byParam}短于法定下限 ${periodText(bounds.min)}${cite}：不得缩短当事人的法定期间${unitHint(bounds.min)}`, { sub: at, field });
  }
}

function nodeRef(c: ClockCheckContext, i: number, ref: string, sub: (string | number)[], what: string): boolean {
  const { sink } = c;
  const field = sub.filter((s) => typeof s === 'string').join('.');
  if (sink.nodeIndex.has(ref)) return true;
  sink.node(i, 'ANCHOR_UNKNOWN_NODE', `${sink.label(sink.def.nodes[i]!.id)}的${what}指向的环节「${ref}」不存在`, { sub, field });
  return false;
}

function notBefore(c: ClockCheckContext, i: number, ref: string, sub: (string | number)[], what: string): void {
  const { sink, precedence } = c;
  const node = sink.def.nodes[i]!;
  if (!precedence || precedence.precedes(ref, node.id)) return;
  const field = sub.filter((s) => typeof s === 'string').join('.');
  sink.node(
    i,
    'ANCHOR_NOT_BEFORE',
    `${sink.label(node.id)}的${what}指向${sink.label(ref)}，但并非每条到达本环节的路径都先经过它（该事件可能尚未发生），无法据此起算`,
    { sub, field },
  );
}

function checkAnchor(c: ClockCheckContext, i: number, node: HumanNode, anchor: ClockAnchor | undefined, sub: (string | number)[], what: string): void {
  const { sink } = c;
  if (!anchor) return;
  const label = sink.label(node.id);
  switch (anchor.kind) {
    case 'taskOpened':
    case 'caseStarted':
      return;
    case 'nodeOpened':
    case 'nodeCompleted': {
      const at = [...sub, 'nodeId'];
      if (!nodeRef(c, i, anchor.nodeId, at, what)) return;
      if (anchor.nodeId === node.id) {
        if (anchor.kind === 'nodeCompleted') {
          sink.node(i, 'ANCHOR_NOT_BEFORE', `${label}的${what}不能是本环节自身的办结：任务开始时它尚未办结`, { sub: at, field: at.join('.') });
        }
        return;
      }
      notBefore(c, i, anchor.nodeId, at, what);
      return;
    }
    case 'field': {
      const at = [...sub, 'field'];
      const f = sink.def.fields.find((x) => x.key === anchor.field);
      if (!f) {
        sink.node(i, 'UNKNOWN_FIELD', `${label}的${what}引用的字段「${anchor.field}」未在字段中定义`, { sub: at, field: at.join('.') });
        return;
      }
      if (f.type !== 'date') {
        sink.node(i, 'ANCHOR_FIELD_NOT_DATE', `${label}的${what}引用的字段「${f.label}」(${f.key}) 类型是 ${f.type}，起算日期必须是日期字段`, { sub: at, field: at.join('.') });
        return;
      }
      const recordedBefore = sink.def.nodes.some(
        (n) => n.id !== node.id && isHuman(n.kind) && (n as HumanNode).requiredFields.includes(f.key) && (c.precedence?.precedes(n.id, node.id) ?? true),
      );
      if (!recordedBefore) {
        sink.node(
          i,
          'ANCHOR_FIELD_MAY_BE_EMPTY',
          `${label}的${what}取字段「${f.label}」，但没有哪个在本环节之前必经的环节要求填写它；该日期为空时将按本环节开始时间起算`,
          { sub: at, field: at.join('.'), severity: 'warning' },
        );
      }
      return;
    }
    default: {
      const never: never = anchor;
      return never;
    }
  }
}

function checkExtension(c: ClockCheckContext, i: number, node: HumanNode, ext: NonNullable<Deadline['extensionOf']>): void {
  const { sink } = c;
  const label = sink.label(node.id);
  const base = ['deadline', 'extensionOf'];
  const refs: [string | undefined, string, string][] = [
    [ext.nodeId, 'nodeId', '延期所延长的环节'],
    [ext.approvalNode, 'approvalNode', '延期审批环节'],
  ];
  for (const [ref, key, what] of refs) {
    if (ref === undefined) continue;
    const at = [...base, key];
    if (!nodeRef(c, i, ref, at, what)) continue;
    const target = sink.def.nodes[sink.nodeIndex.get(ref)!]!;
    const usable = isHuman(target.kind) && (key === 'approvalNode' || (target as HumanNode).deadline !== undefined);
    if (!usable || target.id === node.id) {
      const why = target.id === node.id ? '不能是本环节自身' : key === 'nodeId' ? '该环节不是设有办理时限的人工环节' : '该环节不是人工环节，无法记录审批人';
      sink.node(i, 'EXTENSION_INVALID', `${label}的${what}${sink.label(ref)}无效：${why}`, { sub: at, field: at.join('.') });
      continue;
    }
    notBefore(c, i, ref, at, what);
  }
}

/** Every check of `node.deadline` that is not a plain reference check (see validate-refs.ts). */
export function checkDeadlineRules(c: ClockCheckContext, i: number, node: HumanNode): void {
  const dl = node.deadline;
  if (!dl) return;
  const { sink } = c;
  periodChecks(c, i, dl.duration, ['deadline', 'duration'], '办理时限', { max: dl.max, min: dl.min, source: dl.source });
  if (dl.timeoutAction === 'escalate' && !dl.escalateToRole) {
    sink.node(i, 'ESCALATION_ROLE_MISSING', `${sink.label(node.id)}超期处理为「督办」，但没有指定督办角色（deadline.escalateToRole）：超期后无人接办督办`, {
      sub: ['deadline', 'escalateToRole'],
      field: 'deadline.escalateToRole',
    });
  }
  checkAnchor(c, i, node, dl.anchor, ['deadline', 'anchor'], '时限起算点');
  if (dl.cap) {
    periodChecks(c, i, dl.cap.duration, ['deadline', 'cap', 'duration'], '总时限上限', {});
    checkAnchor(c, i, node, dl.cap.anchor, ['deadline', 'cap', 'anchor'], '总时限起算点');
  }
  if (dl.extensionOf) checkExtension(c, i, node, dl.extensionOf);
}
