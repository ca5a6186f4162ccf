/**
 * What an edge says on the canvas and to a screen reader, in words a clerk reads: the button that
 * takes it (a task's action label), a vote's or a 公示's result, 默认, or the condition's own
 * label — never the outcome's code name (register, received, no_quorum).
 */
import type { Edge as DslEdge, Node as DslNode } from '../../../../dsl/schema.js';

type Lang = 'zh' | 'en';

/** Results of the engine's own nodes (vote-node.ts, publicity-node.ts), as an edge names them. */
const NODE_OUTCOMES: Record<Lang, Record<'vote' | 'publicity', Record<string, string>>> = {
  zh: {
    vote: { passed: '通过', rejected: '未通过', no_quorum: '未达到会议人数', revote: '另行选举', margin_short: '差额不足' },
    publicity: { clear: '无异议', objections: '有异议' },
  },
  en: {
    vote: { passed: 'Passed', rejected: 'Rejected', no_quorum: 'No quorum', revote: 'New ballot', margin_short: 'Too few candidates' },
    publicity: { clear: 'No objection', objections: 'Objections' },
  },
};

/** The edge's own words when the definition gives none (the English page's, as the canvas shows them there). */
const WORDS: Record<Lang, { byOutcome: string; default: string; byCondition: string; edge: string }> = {
  zh: { byOutcome: '按办理结果', default: '默认', byCondition: '按条件', edge: '连线：' },
  en: { byOutcome: 'By outcome', default: 'Default', byCondition: 'Conditional', edge: 'Edge: ' },
};

/**
 * The outcome as the source node names it; undefined when the node has no word for it. A task's
 * action labels are the definition's own words and stay as written.
 */
export function outcomeText(outcome: string, source: DslNode | undefined, lang: Lang = 'zh'): string | undefined {
  if (!source) return undefined;
  if (source.kind === 'task') return source.actions.find((a) => a.name === outcome)?.label;
  if (source.kind === 'vote' || source.kind === 'publicity') return NODE_OUTCOMES[lang][source.kind][outcome];
  return undefined;
}

export function edgeText(edge: DslEdge, source?: DslNode, lang: Lang = 'zh'): string | undefined {
  if (edge.label) return edge.label;
  if (edge.outcome) return outcomeText(edge.outcome, source, lang) ?? WORDS[lang].byOutcome;
  if (edge.default) return WORDS[lang].default;
  if (edge.condition) return WORDS[lang].byCondition;
  return undefined;
}

/** A screen reader's name of the edge: 连线：村党组织提议 → 村务联席会议商议 (Edge: … → … in English). */
export function edgeAriaLabel(source: DslNode | undefined, target: DslNode | undefined, lang: Lang = 'zh'): string {
  return `${WORDS[lang].edge}${source?.name ?? '—'} → ${target?.name ?? '—'}`;
}
