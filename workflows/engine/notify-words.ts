/**
 * The words of a notification (issue 18, prefix `notify-`): due times in Asia/Shanghai as a clerk
 * reads them ("2026年12月30日 24:00", not an ISO instant), the case's end named by what happened
 * (办结 / 终止 / 撤回 / 中断) and by the end node's name instead of an outcome code, and the case
 * title apart so inboxes can group by case. Each guards a change to an activity's input; cases
 * recorded before it replay on the old words.
 */
import { patched } from '@temporalio/workflow';
import { formatShanghaiDateTime } from '../../dsl/shanghai-time.js';
import type { CaseStatus } from '../types.js';
import type { CaseRuntime } from './runtime.js';

/** Patch id: notifications in plain Chinese (dates, end words, outcome names) carrying the case title. */
export const NOTIFY_PLAIN_WORDS = 'notify-plain-words';

/**
 * Patch id: a generated notice gets the case's facts (start, org, initiator, the pass through the
 * node, the statutory due dates it names with `dueOf`), so 收到日期, 预计办结日期 and 受理机关 are filled.
 */
export const NOTICE_CONTEXT = 'notify-notice-context';

export interface NotifyWords {
  /** A due instant as the message shows it. */
  due(iso: string | undefined): string;
  /** Extra fields of the notify request (the case title, with the patch). */
  extra: { caseTitle?: string };
}

/** The words of one notification (records the patch marker the first time). */
export function notifyWords(rt: CaseRuntime): NotifyWords {
  const plain = patched(NOTIFY_PLAIN_WORDS);
  return {
    due: (iso) => (iso === undefined ? '' : plain ? formatShanghaiDateTime(iso) : iso),
    extra: plain ? { caseTitle: rt.input.title } : {},
  };
}

const END_WORD: Record<CaseStatus, string> = {
  running: '办理中',
  suspended: '中止',
  completed: '办结',
  withdrawn: '撤回',
  terminated: '终止',
  failed: '中断',
};

/** The title and message of the notice that the case ended. */
export function endWords(rt: CaseRuntime, reason: string | undefined): { title: string; message: string } {
  const word = END_WORD[rt.status];
  const endNode = rt.def.nodes.find((n) => n.kind === 'end' && n.outcome === rt.outcome && rt.path.includes(n.id));
  const detail =
    rt.status === 'completed'
      ? endNode
        ? `：${endNode.name}`
        : ''
      : rt.status === 'failed'
        ? '，请联系流程管理员处理'
        : reason
          ? `。理由：${reason}`
          : '';
  return { title: `已${word}：${rt.input.title}`, message: `案件已${word}${detail}。` };
}
