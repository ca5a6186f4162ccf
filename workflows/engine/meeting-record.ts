/**
 * The meeting record (会议记录) of a decided vote, issued as a document of the case through the
 * same activity as every notice (generateNotice, template `meeting-record`; rendered by
 * activities/meeting-record.ts). Patch `votes-ui-meeting-record`: cases that decided a vote
 * before it issue none, and replay as they ran.
 */
import { isCancellation } from '@temporalio/workflow';
import type { NodeOf } from '../../dsl/schema.js';
import type { MeetingRecordData } from '../../activities/meeting-record.js';
import type { TallyGroup } from '../messages.js';
import { groupLabel } from '../rules/quorum.js';
import { voteMethod, voteRuleLines } from '../rules/vote-rules-text.js';
import { effects } from './activities.js';
import type { CaseRuntime, VoteState } from './runtime.js';

export const MEETING_RECORD_PATCH = 'votes-ui-meeting-record';

const OUTCOME_WORDS: Record<string, string> = {
  passed: '通过',
  rejected: '未通过',
  no_quorum: '未达到会议人数要求，会议无效',
  revote: '需另行选举',
};

function text(v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map((x) => text(x) ?? '').filter(Boolean).join('、') || undefined;
  if (typeof v === 'object') return undefined;
  return String(v);
}

/** The facts of the record, from the vote as decided: pure, so the same on every replay. */
export function meetingRecordData(rt: CaseRuntime, node: NodeOf<'vote'>, vote: VoteState): MeetingRecordData {
  const spec = vote.spec;
  const groups = (vote.confirmedTally ?? []).map((g: TallyGroup) => ({
    ...(spec.groups.length > 1 ? { label: groupLabel(g.group, spec.groups) } : {}),
    entitled: g.entitled,
    present: g.present,
    ...(g.all !== undefined ? { all: g.all } : {}),
    ...(g.candidateVotes ? { candidateVotes: { ...g.candidateVotes } } : { yes: g.yes ?? 0, no: g.no ?? 0, abstain: g.abstain ?? 0 }),
    ...(g.invalid ? { invalid: g.invalid } : {}),
    ...(g.writtenYes ? { writtenYes: g.writtenYes } : {}),
    ...(g.writtenNo ? { writtenNo: g.writtenNo } : {}),
    ...(g.writtenAbstain ? { writtenAbstain: g.writtenAbstain } : {}),
  }));
  const rules = voteRuleLines(spec);
  const result = vote.result;
  const fields = node.form.flatMap((key): [string, string][] => {
    const label = rt.def.fields.find((f) => f.key === key)?.label ?? key;
    const options = rt.def.fields.find((f) => f.key === key)?.options;
    const raw = rt.data[key];
    const shown = options && typeof raw === 'string' ? (options.find((o) => o.value === raw)?.label ?? raw) : text(raw);
    return shown === undefined ? [] : [[label, shown]];
  });
  return {
    meeting: node.name,
    ...(spec.meetingType ? { meetingType: spec.meetingType } : {}),
    heldAt: vote.decidedAt ?? rt.lastProgress,
    round: vote.round,
    method: voteMethod(spec),
    groups,
    rules: [...rules.quorum, rules.pass, ...(rules.written ? [rules.written] : [])],
    outcome: result ? (OUTCOME_WORDS[result.outcome] ?? result.outcome) : '—',
    explanation: result?.explanation ?? [],
    ...(result?.elected?.length ? { elected: [...result.elected] } : {}),
    ...(spec.mode === 'tally' && vote.tellerName ? { teller: vote.tellerName } : {}),
    ...(vote.scrutineerName ? { scrutineer: vote.scrutineerName } : {}),
    ...(fields.length ? { fields } : {}),
  };
}

/**
 * Issues the record and notes it in the timeline. A record that cannot be issued (the document
 * store down past every retry) does not hold the case up: the case says so in its warnings.
 */
export async function issueMeetingRecord(rt: CaseRuntime, node: NodeOf<'vote'>, vote: VoteState): Promise<void> {
  const data = meetingRecordData(rt, node, vote);
  try {
    const doc = await effects.generateNotice({
      caseId: rt.caseId,
      nodeId: node.id,
      documentKey: `${node.id}:${vote.taskId}`,
      template: 'meeting-record',
      title: rt.input.title,
      data: data as unknown as Record<string, unknown>,
    });
    vote.documentId = doc.documentId;
    rt.record({ type: 'service.notice', actor: 'system', nodeId: node.id, taskId: vote.taskId, detail: { documentId: doc.documentId, template: 'meeting-record', name: '会议记录' } });
  } catch (err) {
    if (isCancellation(err)) throw err;
    const warning = `「${node.name}」的会议记录未能生成，请手工补记`;
    if (!rt.warnings.includes(warning)) rt.warnings.push(warning);
  }
  rt.changed();
}
