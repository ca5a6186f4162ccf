/**
 * 审批单 (打印审批单, among the most requested features of the Chinese engines): the case on one
 * sheet — what it is, who started it where and when, the data it holds, and every step that was
 * done (who, what, with which opinion, when), with lines to sign by hand. Rendered from the case
 * as it stands (already masked for the reader), never stored: it is a print of the file, not an
 * issued document.
 */
import type { DocumentBody, DocumentBlock } from '../../activities/types.js';
import { caseNumber } from '../../activities/notice.js';
import type { Definition, FieldDef } from '../../dsl/schema.js';
import { formatShanghaiDateTime } from '../../dsl/shanghai-time.js';
import type { CaseState } from '../../workflows/types.js';

const STATUS: Record<CaseState['status'], string> = {
  running: '办理中',
  suspended: '已中止',
  completed: '已办结',
  withdrawn: '已撤回',
  terminated: '已终止',
  failed: '已中断',
};

/** What a vote or 公示 step ended with (task steps name their action on the node). */
const STEP_OUTCOME: Record<string, string> = {
  passed: '通过',
  rejected: '未通过',
  no_quorum: '未达到会要求',
  revote: '另行选举',
  clear: '无异议',
  objections: '有异议',
};

function display(v: unknown, f: FieldDef | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const option = (x: unknown) => f?.options?.find((o) => o.value === x)?.label ?? String(x);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? Object.values(x).join(' ') : option(x))).join('、');
  if (typeof v === 'object') return Object.values(v).map(String).join(' ');
  if (f?.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  }
  return option(v);
}

export interface SlipFacts {
  orgUnitName: string;
  /** Display names of users by id. */
  names: ReadonlyMap<string, string>;
  printedAt: Date;
}

export function approvalSlip(state: CaseState, def: Definition, facts: SlipFacts): DocumentBody {
  const name = (id: string | undefined) => (id ? facts.names.get(id) ?? id : '');
  const meta: string[][] = [
    ['事项名称', state.title],
    ['流程', def.title],
    ['单位', facts.orgUnitName],
    ['发起人', name(state.initiator)],
    ['发起时间', formatShanghaiDateTime(state.startedAt)],
    ['办理状态', STATUS[state.status]],
    ...(state.endedAt ? [['办结时间', formatShanghaiDateTime(state.endedAt)]] : []),
  ];
  const fields = def.fields
    .map((f) => [f.label, display(state.data[f.key], f)])
    .filter(([, v]) => v !== '');
  const steps = state.tasks
    .filter((t) => t.status === 'done')
    .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''))
    .map((t) => {
      const node = def.nodes.find((n) => n.id === t.nodeId);
      const actionLabel = node && node.kind === 'task' ? node.actions.find((a) => a.name === t.action)?.label : undefined;
      return [t.nodeName, name(t.completedBy), actionLabel ?? (t.action ? STEP_OUTCOME[t.action] ?? '已办理' : '已办理'), t.comment ?? '', t.completedAt ? formatShanghaiDateTime(t.completedAt) : ''];
    });
  const blocks: DocumentBlock[] = [
    { kind: 'table', rows: meta },
    ...(fields.length ? [{ kind: 'paragraph' as const, text: '事项内容' }, { kind: 'table' as const, rows: fields }] : []),
    { kind: 'paragraph', text: '办理过程' },
    steps.length
      ? { kind: 'table', header: ['环节', '办理人', '办理结果', '意见', '时间'], rows: steps }
      : { kind: 'paragraph', text: '尚无已办结的环节。' },
    { kind: 'signatures', items: ['经办人（签字）：＿＿＿＿＿＿', '审核人（签字）：＿＿＿＿＿＿', '日期：＿＿＿＿年＿＿月＿＿日'] },
  ];
  return {
    heading: `${def.title}审批单`,
    number: `案件编号：${caseNumber(state.caseId, def.category)}`,
    blocks,
    signOff: [facts.orgUnitName, `打印时间：${formatShanghaiDateTime(facts.printedAt.toISOString())}`],
    footer: ['本审批单反映打印时的办理情况，由基层流程系统生成。'],
  };
}
