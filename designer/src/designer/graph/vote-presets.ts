/**
 * Vote-rule presets offered in the property panel, taken from the engine's own catalogue
 * (workflows/rules/rule-presets.ts, pure and browser-safe) so the designer and the engine cannot
 * disagree about what "村民代表会议" means.
 */
import type { Quorum, VoteRule, VoterGroup } from '../../../../dsl/schema.js';
import { RULE_PRESETS, type RulePreset } from '../../../../workflows/rules/rule-presets.js';

export interface VotePreset {
  id: string;
  zh: string;
  en: string;
  meetingType: string;
  quorum?: Quorum;
  pass?: VoteRule;
  groups?: VoterGroup[];
  note?: string;
}

/** Short captions that say the rule in the words a clerk uses. */
const CAPTION: Record<string, { zh: string; en: string }> = {
  'cunmin-daibiao-huiyi': { zh: '村民代表会议 (组织法 §26)', en: "Villager representatives' meeting (Organic Law §26)" },
  'cunmin-huiyi': { zh: '村民会议 (组织法 §21–22)', en: "Villagers' assembly (Organic Law §21–22)" },
  'dangyuan-dahui-xuanju': { zh: '党员大会选举 (>4/5 到会, 过半)', en: 'Party election (>4/5 present, majority)' },
};

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export const VOTE_PRESETS: readonly VotePreset[] = Object.entries(RULE_PRESETS as Record<string, RulePreset>).map(([id, p]) => ({
  id,
  zh: CAPTION[id]?.zh ?? `${p.label}（${p.source}）`,
  en: CAPTION[id]?.en ?? p.label,
  meetingType: p.label,
  ...(p.quorum ? { quorum: clone(p.quorum) } : {}),
  ...(p.pass ? { pass: clone(p.pass) } : {}),
  ...(p.groups ? { groups: clone(p.groups) } : {}),
  ...(p.note ? { note: p.note } : {}),
}));
