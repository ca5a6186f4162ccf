/**
 * 会议记录: the paper a village keeps of a meeting that voted (村务档案) — which meeting, when,
 * 应到 / 实到 and the ratio, how it voted (表决方式), 赞成 / 反对 / 弃权, the result with the rule
 * that decided it, who counted and who checked, and a line for the signatures. Issued through
 * generateNotice (template `meeting-record`) when a vote is decided, so it is a document of the
 * case like every notice; the workflow gathers the facts (workflows/engine/meeting-record.ts).
 */
import { plainNote } from '../dsl/plain-note.js';
import type { DocumentBlock, DocumentBody } from './types.js';

/** One voter group's counts as confirmed (单组表决: one entry without a label). */
export interface MeetingRecordGroup {
  label?: string;
  entitled: number;
  present: number;
  /** 全体 (组成人员), when the rules count against it. */
  all?: number;
  yes?: number;
  no?: number;
  abstain?: number;
  invalid?: number;
  writtenYes?: number;
  writtenNo?: number;
  writtenAbstain?: number;
  candidateVotes?: Record<string, number>;
}

export interface MeetingRecordData {
  /** The meeting as the procedure names it (the node), and its kind (村民代表会议 …). */
  meeting: string;
  meetingType?: string;
  /** ISO instant the vote was decided. */
  heldAt: string;
  round: number;
  /** 当场计票（无记名投票） … */
  method: string;
  groups: MeetingRecordGroup[];
  /** The rules in words (quorum lines, pass line). */
  rules: string[];
  /** 通过 / 未通过 / 会议无效 … */
  outcome: string;
  /** The lines that decided it ("到会 21/全体 30 ≥ ⅔ — 有效"). */
  explanation: string[];
  elected?: string[];
  teller?: string;
  scrutineer?: string;
  /** The node's own fields recorded with the tally, as label → text. */
  fields?: [string, string][];
}

const BLANK = '＿＿＿＿';

function percent(n: number, d: number): string {
  if (d <= 0) return '—';
  return `${((n * 100) / d).toFixed(1)}%`;
}

function countsLine(g: MeetingRecordGroup): string {
  if (!Number.isFinite(g.entitled)) return `赞成 ${BLANK} 票，反对 ${BLANK} 票，弃权 ${BLANK} 票`;
  if (g.candidateVotes) {
    const votes = Object.entries(g.candidateVotes)
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${n} 票`)
      .join('，');
    return `得票：${votes || '—'}${g.invalid ? `；无效票 ${g.invalid} 张` : ''}`;
  }
  const written = (g.writtenYes ?? 0) + (g.writtenNo ?? 0) + (g.writtenAbstain ?? 0);
  const main = `赞成 ${g.yes ?? 0} 票，反对 ${g.no ?? 0} 票，弃权 ${g.abstain ?? 0} 票${g.invalid ? `，无效 ${g.invalid} 票` : ''}`;
  return written > 0 ? `${main}；书面意见：赞成 ${g.writtenYes ?? 0}，反对 ${g.writtenNo ?? 0}，弃权 ${g.writtenAbstain ?? 0}` : main;
}

/**
 * The record as a document body (heading, blocks, signature lines); `title` is the case's subject,
 * `date` formats an instant as 2026年12月5日. `given` is the notice's data: the vote node passes a
 * whole MeetingRecordData; a notice node of a definition naming this template passes case data, so
 * what is missing prints as a blank to fill by hand (the issue date stands for the meeting date)
 * rather than failing the activity.
 */
export function meetingRecordBody(title: string, given: Partial<MeetingRecordData>, date: (iso: string) => string, issued: string): Omit<DocumentBody, 'number' | 'footer'> {
  const d: MeetingRecordData = {
    meeting: typeof given.meeting === 'string' ? given.meeting : BLANK,
    heldAt: typeof given.heldAt === 'string' ? given.heldAt : '',
    round: typeof given.round === 'number' ? given.round : 1,
    method: typeof given.method === 'string' ? given.method : BLANK,
    groups: Array.isArray(given.groups) && given.groups.length ? given.groups : [{ entitled: NaN, present: NaN }],
    rules: Array.isArray(given.rules) ? given.rules.map((r) => plainNote(r) ?? '') : [],
    outcome: typeof given.outcome === 'string' ? given.outcome : BLANK,
    explanation: Array.isArray(given.explanation) ? given.explanation.map((x) => plainNote(x) ?? '') : [],
    ...(typeof given.meetingType === 'string' ? { meetingType: given.meetingType } : {}),
    ...(Array.isArray(given.elected) ? { elected: given.elected } : {}),
    ...(typeof given.teller === 'string' ? { teller: given.teller } : {}),
    ...(typeof given.scrutineer === 'string' ? { scrutineer: given.scrutineer } : {}),
    ...(Array.isArray(given.fields) ? { fields: given.fields } : {}),
  };
  const several = d.groups.length > 1;
  const attendance = d.groups.map((g) => {
    const base = g.all ?? g.entitled;
    const head = several ? `${g.label ?? ''}：` : '';
    if (!Number.isFinite(g.entitled) || !Number.isFinite(g.present)) return `${head}应到 ${BLANK} 人，实到 ${BLANK} 人，到会比例 ${BLANK}`;
    return `${head}应到 ${g.entitled} 人，实到 ${g.present} 人，到会比例 ${g.present}/${base}（${percent(g.present, base)}）`;
  });
  const counts = d.groups.map((g) => `${several ? `${g.label ?? ''}：` : ''}${countsLine(g)}`);
  const p = (text: string): DocumentBlock => ({ kind: 'paragraph', text });
  return {
    heading: '会议记录',
    blocks: [
      p(`会议名称：${d.meeting}${d.meetingType && d.meetingType !== d.meeting ? `（${d.meetingType}）` : ''}`),
      p(`议题：${title}`),
      p(`会议日期：${d.heldAt ? date(d.heldAt) : issued}`),
      p(`表决方式：${d.method}${d.round > 1 ? `，第 ${d.round} 轮` : ''}`),
      ...attendance.map(p),
      ...(d.rules.length ? [p('表决规则：'), ...d.rules.map((r) => p(`　${r}`))] : []),
      p(`表决情况：${counts.join('；')}`),
      p(`表决结果：${d.outcome}`),
      ...d.explanation.map((x) => p(`　${x}`)),
      ...(d.elected?.length ? [p(`当选：${d.elected.join('、')}`)] : []),
      ...(d.fields ?? []).map(([label, text]) => p(`${label}：${text}`)),
      p(`计票人：${d.teller ?? BLANK}　监票人：${d.scrutineer ?? BLANK}`),
      { kind: 'signatures', items: [`主持人（签名）：${BLANK}`, `记录人（签名）：${BLANK}`, `计票人（签名）：${BLANK}`, `监票人（签名）：${BLANK}`, `参会人员（签名）：${BLANK}${BLANK}${BLANK}`] },
    ],
    signOff: [issued],
  };
}
