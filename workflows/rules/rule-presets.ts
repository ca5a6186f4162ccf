/**
 * Named quorum / pass rules of the procedures (domain/procedures.md §1.3, §2.2, §3, §6, §8),
 * each with its source and provenance tag as the domain document gives them. [STAT] rules carry a
 * `floor`: a definition may make them stricter, never looser (isStricterOrEqual).
 */
import type { Provenance, Quorum, VoteBase, VoteRule, VoterGroup } from '../../dsl/schema.js';
import { fractionGlyph, opSymbol } from './vote-explain.js';
import type { Threshold } from './vote-arithmetic.js';

export interface RulePreset {
  /** Chinese name shown in the designer. */
  label: string;
  source: string;
  provenance: Provenance;
  quorum?: Quorum;
  pass?: VoteRule;
  /** Voter groups the rules refer to (keys used in `rule.group`). */
  groups?: VoterGroup[];
  /** Alternatives a tenant may choose (e.g. the pass base of a party election). */
  alternatives?: Record<string, VoteRule>;
  /** Why a value is uncertain, or how to read it (shown in the designer). */
  note?: string;
}

const MAJORITY = { op: '>', num: 1, den: 2 } as const;
const TWO_THIRDS = { op: '>=', num: 2, den: 3 } as const;

function stat(rule: Omit<VoteRule, 'provenance' | 'floor'>): VoteRule {
  return { ...rule, provenance: 'STAT', floor: { op: rule.op, num: rule.num, den: rule.den } };
}

const ELECTION_SOURCE = '中国共产党基层组织选举工作条例（2020）';

/** Party election pass rule: > ½ of 应到会 (default, stricter) or 实到会 (1990 暂行条例, seed 003). */
export function partyElectionPass(base: Extract<VoteBase, 'entitled' | 'present'> = 'entitled'): VoteRule {
  return {
    base,
    ...MAJORITY,
    source:
      base === 'entitled'
        ? `${ELECTION_SOURCE}：赞成票超过应到会有选举权人数的半数`
        : '1990 暂行条例 第22条：赞成票超过实到会有选举权人数的一半',
    provenance: 'UNCERTAIN',
    floor: { ...MAJORITY },
  };
}

/** 代表会议: ⅔ of 组成人员 present (组织法 §26); also the quorum of a 代表会议 on 土地承包方案. */
const REPS_QUORUM: Quorum = { combine: 'all', rules: [stat({ base: 'all', ...TWO_THIRDS, source: '村民委员会组织法 第26条' })] };
const VILLAGER_GROUPS: VoterGroup[] = [
  { key: 'villagers', label: '十八周岁以上村民' },
  { key: 'households', label: '户的代表' },
];
/** 村民会议: > ½ of 18+ villagers or ≥ ⅔ of households (组织法 §22); also on 土地承包方案. */
const VILLAGERS_QUORUM: Quorum = {
  combine: 'any',
  rules: [
    stat({ group: 'villagers', base: 'all', ...MAJORITY, source: '村民委员会组织法 第22条' }),
    stat({ group: 'households', base: 'all', ...TWO_THIRDS, source: '村民委员会组织法 第22条' }),
  ],
};

export const RULE_PRESETS = {
  'cunmin-daibiao-huiyi': {
    label: '村民代表会议',
    source: '村民委员会组织法 第26条',
    provenance: 'STAT',
    quorum: REPS_QUORUM,
    pass: stat({ base: 'present', ...MAJORITY, source: '村民委员会组织法 第26条' }),
    note: '须有组成人员三分之二以上参加方可召开；所作决定应当经到会人员的过半数同意。',
  },
  'cunmin-huiyi': {
    label: '村民会议',
    source: '村民委员会组织法 第21–22条',
    provenance: 'STAT',
    groups: VILLAGER_GROUPS,
    quorum: VILLAGERS_QUORUM,
    pass: stat({ group: 'villagers', base: 'present', ...MAJORITY, source: '村民委员会组织法 第22条' }),
    note: '本村十八周岁以上村民过半数、或本村三分之二以上户的代表参加即可召开；决定须经到会人员过半数同意（法律对召开和表决另有规定的，依照其规定）。',
  },
  'tudi-chengbao-daibiao': {
    label: '村民代表会议决定土地承包方案',
    source: '农村土地承包法 第19条；村民委员会组织法 第22、26条',
    provenance: 'STAT',
    quorum: REPS_QUORUM,
    pass: stat({ base: 'all', ...TWO_THIRDS, source: '农村土地承包法 第19条：三分之二以上村民代表同意' }),
    note: '承包方案应当经本集体经济组织成员的村民会议三分之二以上成员或者三分之二以上村民代表的同意（农村土地承包法第19条；组织法第22条：法律另有规定的，依照其规定）——基数是全体村民代表，不是到会人员。',
  },
  'tudi-chengbao-cunmin': {
    label: '村民会议决定土地承包方案',
    source: '农村土地承包法 第19条；村民委员会组织法 第21–22条',
    provenance: 'STAT',
    groups: VILLAGER_GROUPS,
    quorum: VILLAGERS_QUORUM,
    pass: stat({ group: 'villagers', base: 'all', ...TWO_THIRDS, source: '农村土地承包法 第19条：村民会议三分之二以上成员同意' }),
    note: '须经村民会议三分之二以上成员（本村十八周岁以上村民，组织法第21条）同意，基数是全体成员，不是到会人员。',
  },
  'bamian-cunweihui': {
    label: '罢免村民委员会成员投票',
    source: '村民委员会组织法 第16条',
    provenance: 'STAT',
    quorum: {
      combine: 'all',
      rules: [stat({ base: 'entitled', ...MAJORITY, source: '村民委员会组织法 第16条：须有登记参加选举的村民过半数投票' })],
    },
    pass: stat({ base: 'cast', ...MAJORITY, source: '村民委员会组织法 第16条：并须经投票的村民过半数通过' }),
    note: '应到 = 登记参加选举的村民；实到 = 参加投票的村民。投票人数过半数罢免投票方为有效，赞成票须超过投票数的一半。',
  },
  'cunmin-xiaozu-huiyi': {
    label: '村民小组会议（户主会议）',
    source: '村民委员会组织法 第28条',
    provenance: 'STAT',
    groups: [
      { key: 'villagers', label: '本组十八周岁以上村民' },
      { key: 'households', label: '本组户的代表' },
    ],
    quorum: {
      combine: 'any',
      rules: [
        stat({ group: 'villagers', base: 'all', ...TWO_THIRDS, source: '村民委员会组织法 第28条' }),
        stat({ group: 'households', base: 'all', ...TWO_THIRDS, source: '村民委员会组织法 第28条' }),
      ],
    },
    pass: stat({ group: 'villagers', base: 'present', ...MAJORITY, source: '村民委员会组织法 第28条' }),
  },
  'liangwei-shangyi': {
    label: '村“两委”会议 / 村务联席会议商议',
    source: '默认：两委全体成员过半数',
    provenance: 'DEFAULT',
    pass: { base: 'all', ...MAJORITY, source: '默认：两委全体成员过半数', provenance: 'DEFAULT' },
  },
  'dangyuan-dahui-shenyi': {
    label: '党员大会审议（四议两公开）',
    source: '四议两公开 地方规定 [PUB tunchang, 70edu]',
    provenance: 'PUB',
    quorum: {
      combine: 'all',
      rules: [{ base: 'all', ...TWO_THIRDS, source: '四议两公开 地方规定：到会不少于党员总数三分之二', provenance: 'PUB' }],
    },
    pass: { base: 'entitled', ...MAJORITY, source: '四议两公开 地方规定：应到会党员半数以上同意', provenance: 'UNCERTAIN' },
    note: '“半数以上”按民法典第1259条字面含半数（≥½），但地方文本多指过半数；默认按过半数（>½）计，可配置。到会三分之二为地方做法，非法定。预备党员列席，无表决权，不计入应到会。',
  },
  'dangyuan-dahui-xuanju': {
    label: '党员大会选举',
    source: ELECTION_SOURCE,
    provenance: 'STAT',
    quorum: {
      combine: 'all',
      rules: [stat({ base: 'entitled', op: '>', num: 4, den: 5, source: `${ELECTION_SOURCE}：有选举权的到会人数超过应到会人数的五分之四` })],
    },
    pass: partyElectionPass('entitled'),
    alternatives: { 应到会: partyElectionPass('entitled'), 实到会: partyElectionPass('present') },
    note: '当选票数的基数不确定：1990 暂行条例第22条为“超过实到会有选举权人数的一半”，2020 条例据二手资料为“超过应到会有选举权人数的半数”；默认应到会（较严），可改为实到会。到会须超过应到会的五分之四（有资料作“不少于”）。收回选票多于发出选票，本次选举无效，应重新投票。',
  },
  'sanjian-yishen': {
    label: '三荐一审两会两票决 党员选举大会',
    source: 'SEED:003 三荐一审两会两票决',
    provenance: 'SEED',
    quorum: {
      combine: 'all',
      rules: [{ base: 'entitled', op: '>=', num: 4, den: 5, source: 'SEED:003：到会不得少于应到会党员的4/5', provenance: 'SEED' }],
    },
    pass: { base: 'present', ...MAJORITY, source: 'SEED:003：赞成票超过实到会人数一半', provenance: 'SEED' },
    note: '种子材料“不得少于4/5”（≥）比党内选举条例“超过4/5”（>）宽松，按实到会计算当选也与2020条例的应到会口径不同；正式选举应改用党员大会选举的法定规则。',
  },
  'quanweihui-piaojue': {
    label: '全委会票决',
    source: '参照《党政领导干部选拔任用工作条例》',
    provenance: 'DEFAULT',
    quorum: {
      combine: 'all',
      rules: [{ base: 'all', ...TWO_THIRDS, source: '参照《党政领导干部选拔任用工作条例》：到会委员三分之二以上', provenance: 'DEFAULT' }],
    },
    pass: { base: 'entitled', ...MAJORITY, source: '参照《党政领导干部选拔任用工作条例》：超过应到会委员半数', provenance: 'DEFAULT' },
    note: '种子材料未写全委会票决的到会与通过规则，默认参照干部任用条例（三分之二到会、超过应到会半数同意）[UNCERTAIN]。',
  },
  'liangcun-lianghui': {
    label: '两村两会（党员和村民代表联席会议）',
    source: 'SEED:003 两村两会',
    provenance: 'SEED',
    groups: [
      { key: 'dangyuan', label: '党员' },
      { key: 'daibiao', label: '村民代表' },
    ],
    quorum: {
      combine: 'all',
      rules: [
        { group: 'dangyuan', base: 'all', op: '>=', num: 1, den: 2, source: 'SEED:003：一半以上党员参加', provenance: 'SEED' },
        { group: 'daibiao', base: 'all', ...TWO_THIRDS, source: 'SEED:003：三分之二以上村民代表参加', provenance: 'SEED' },
      ],
    },
    pass: { base: 'present', ...MAJORITY, source: 'SEED:003：到会人员过半数同意', provenance: 'SEED' },
    note: '通过规则不指定投票组时按全体到会人员（两组合计）计算；既是党员又是村民代表的，计票时只计一次。',
  },
  'jieshou-yubei-dangyuan': {
    label: '支部大会讨论接收预备党员',
    source: '中国共产党发展党员工作细则（2014）',
    provenance: 'STAT',
    quorum: {
      combine: 'all',
      rules: [stat({ base: 'entitled', ...MAJORITY, source: '发展党员工作细则：有表决权的到会人数超过应到会有表决权人数的半数' })],
    },
    pass: stat({ base: 'entitled', ...MAJORITY, source: '发展党员工作细则：赞成人数超过应到会有表决权的正式党员的半数' }),
    note: '因故不能到会的有表决权的党员，会前正式提出的书面意见应统计在票数内；逐个表决。',
  },
  'diyi-shuji-manyidu': {
    label: '第一书记 群众满意度测评',
    source: 'SEED:002 胶州 第一书记“三定一诺双评”实施细则',
    provenance: 'SEED',
    quorum: {
      combine: 'all',
      rules: [{ base: 'entitled', ...TWO_THIRDS, source: 'SEED:002：投票人数达到应参加人数的三分之二以上方为有效', provenance: 'SEED' }],
    },
    note: '满意度 =（很满意票 + 满意票）÷ 投票数；考核总分 = 组织工作目标考评得分 × 群众满意度。',
  },
  'rendaihui-piaojue': {
    label: '镇人代会票决民生实事项目',
    source: '参照 地方组织法：人代会表决议案由全体代表的过半数通过',
    provenance: 'DEFAULT',
    pass: { base: 'all', ...MAJORITY, source: '参照 地方组织法：全体代表的过半数', provenance: 'DEFAULT' },
    note: '按得票多少取足名额（差额）；每个入选项目须获全体代表过半数赞成为默认规则。',
  },
} as const satisfies Record<string, RulePreset>;

export type RulePresetKey = keyof typeof RULE_PRESETS;

/** 信任度 gate of 三票制 (§3.1 row 4): 信任票 50%以上 (≥ ½, exactly half passes), weight 10%. */
export const TRUST_GATE_PRESET = { op: '>=', num: 1, den: 2, weight: 0.1 } as const;

/** 结构推荐 layers (§3.1 row 5): A 30%, B 20%, C 20% (garbled in the seed, inferred), D 20%. */
export const STRUCTURED_RECOMMENDATION_GROUPS: readonly VoterGroup[] = [
  { key: 'A', label: 'A 层面（本镇的区及以上党代表）', weight: 0.3 },
  { key: 'B', label: 'B 层面（镇机关干部）', weight: 0.2 },
  { key: 'C', label: 'C 层面（村民代表，每村5名）', weight: 0.2 },
  { key: 'D', label: 'D 层面（区委领导小组成员）', weight: 0.2 },
];

/** Bases from smallest to largest: a rule on a larger base with the same fraction is stricter. */
const BASE_RANK: Record<VoteBase, number> = { cast: 0, present: 1, entitled: 2, all: 3 };

/**
 * True when every count that satisfies `rule` also satisfies `floor` (for any base ≥ 1): the
 * fraction is higher, or equal with `>` where the floor has `≥` or the same operator. When both
 * name a base, the rule's base must be at least as large (投票数 ≤ 实到 ≤ 应到 ≤ 全体).
 */
export function isStricterOrEqual(
  rule: Threshold & { base?: VoteBase | undefined },
  floor: Threshold & { base?: VoteBase | undefined },
): boolean {
  if (rule.base !== undefined && floor.base !== undefined && BASE_RANK[rule.base] < BASE_RANK[floor.base]) return false;
  const lhs = BigInt(rule.num) * BigInt(floor.den);
  const rhs = BigInt(floor.num) * BigInt(rule.den);
  if (lhs > rhs) return true;
  if (lhs < rhs) return false;
  return !(rule.op === '>=' && floor.op === '>');
}

/** zh-CN message when a rule is configured looser than its statutory floor, else undefined. */
export function floorViolation(rule: VoteRule): string | undefined {
  if (!rule.floor || isStricterOrEqual(rule, rule.floor)) return undefined;
  const src = rule.source ? `（${rule.source}）` : '';
  return `表决规则 ${opSymbol(rule.op)} ${fractionGlyph(rule.num, rule.den)} 低于法定要求 ${opSymbol(rule.floor.op)} ${fractionGlyph(rule.floor.num, rule.floor.den)}${src}，只能从严、不能放宽`;
}
