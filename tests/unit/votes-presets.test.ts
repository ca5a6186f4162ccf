import { describe, expect, it } from 'vitest';
import { VoteRuleSchema, QuorumSchema, type VoteRule } from '../../dsl/schema.js';
import {
  firstSecretaryTotal,
  gradeFromSatisfaction,
  isStricterOrEqual,
  projectSatisfaction,
  RULE_PRESETS,
  satisfaction,
  satisfactionBelow,
  type RulePreset,
} from '../../workflows/rules/votes.js';

const presets = Object.entries(RULE_PRESETS) as [string, RulePreset][];

function rulesOf(p: RulePreset): VoteRule[] {
  return [...(p.quorum?.rules ?? []), ...(p.pass ? [p.pass] : []), ...Object.values(p.alternatives ?? {})];
}

describe('rule presets carry a Chinese label, a source and a provenance tag (§0.1)', () => {
  it.each(presets)('%s is a valid, labelled, sourced preset', (_key, p) => {
    expect(p.label).toMatch(/[\u4e00-\u9fff]/);
    expect(p.source.length).toBeGreaterThan(0);
    for (const rule of rulesOf(p)) {
      expect(VoteRuleSchema.safeParse(rule).success).toBe(true);
      expect(rule.source).toBeTruthy();
      expect(rule.provenance).toBeTruthy();
    }
    if (p.quorum) expect(QuorumSchema.safeParse(p.quorum).success).toBe(true);
  });

  it.each(presets)('%s: every [STAT] rule has its statutory floor and meets it', (_key, p) => {
    for (const rule of rulesOf(p).filter((r) => r.provenance === 'STAT')) {
      expect(rule.floor).toBeDefined();
      expect(isStricterOrEqual(rule, rule.floor!)).toBe(true);
    }
  });

  it.each([
    ['cunmin-daibiao-huiyi', 'STAT', '村民委员会组织法 第26条'],
    ['cunmin-huiyi', 'STAT', '村民委员会组织法 第21–22条'],
    ['cunmin-xiaozu-huiyi', 'STAT', '村民委员会组织法 第28条'],
    ['dangyuan-dahui-shenyi', 'PUB', '四议两公开'],
    ['dangyuan-dahui-xuanju', 'STAT', '中国共产党基层组织选举工作条例'],
    ['sanjian-yishen', 'SEED', 'SEED:003'],
    ['quanweihui-piaojue', 'DEFAULT', '党政领导干部选拔任用工作条例'],
    ['liangcun-lianghui', 'SEED', 'SEED:003'],
    ['jieshou-yubei-dangyuan', 'STAT', '发展党员工作细则'],
    ['diyi-shuji-manyidu', 'SEED', 'SEED:002'],
    ['rendaihui-piaojue', 'DEFAULT', '地方组织法'],
  ] as const)('%s is tagged %s from %s', (key, provenance, source) => {
    expect(RULE_PRESETS[key].provenance).toBe(provenance);
    expect(RULE_PRESETS[key].source).toContain(source);
  });

  it('the seed 三荐一审 quorum (≥ ⅘) is looser than the statutory party-election quorum (> ⅘), and says so', () => {
    const seed = RULE_PRESETS['sanjian-yishen'].quorum.rules[0];
    const statute = RULE_PRESETS['dangyuan-dahui-xuanju'].quorum.rules[0];
    expect(isStricterOrEqual(seed, statute)).toBe(false);
    expect(RULE_PRESETS['sanjian-yishen'].note).toContain('宽松');
  });

  it('the party election pass rule is [UNCERTAIN] with both bases on offer', () => {
    const p = RULE_PRESETS['dangyuan-dahui-xuanju'];
    expect(p.pass.provenance).toBe('UNCERTAIN');
    expect(p.note).toContain('实到会');
    expect(Object.keys(p.alternatives)).toEqual(['应到会', '实到会']);
  });
});

describe('第一书记 群众满意度 (SEED:002: (很满意+满意) ÷ 投票数; valid only if 投票人数 ≥ ⅔ 应参加)', () => {
  it('exactly ⅔ turnout (40 of 60) is valid and the rate counts 很满意 + 满意 over all ballots', () => {
    const r = satisfaction({ verySatisfied: 20, satisfied: 10, basic: 6, unsatisfied: 3, invalid: 1, entitled: 60 });
    expect(r.valid).toBe(true);
    expect(r.cast).toBe(40);
    expect(r.percent).toBe(75);
    expect(r.explanation).toEqual([
      '投票 40/应参加 60 ≥ ⅔ — 测评有效（SEED:002 第一书记群众满意度测评）',
      '满意度 =（很满意 20 + 满意 10）÷ 投票数 40 = 75%',
    ]);
  });

  it('one ballot short of ⅔ (39 of 60) voids the survey', () => {
    const r = satisfaction({ verySatisfied: 20, satisfied: 10, basic: 6, unsatisfied: 3, entitled: 60 });
    expect(r.valid).toBe(false);
    expect(r.explanation[0]).toBe('投票 39/应参加 60，未达到应参加人数的三分之二（至少需 40）— 测评无效（SEED:002 第一书记群众满意度测评）');
    expect(firstSecretaryTotal(90, r)).toBeUndefined();
  });

  it('考核总分 = 目标考评得分 × 满意度: 88.5 × 30/40 = 66.38', () => {
    const r = satisfaction({ verySatisfied: 20, satisfied: 10, basic: 6, unsatisfied: 4, entitled: 60 });
    expect(firstSecretaryTotal(88.5, r)).toBe(66.38);
  });
});

describe('两村两会 满意率 < 60% bars 评先评优 (SEED:003)', () => {
  it.each([
    [59, 100, true],
    [60, 100, false],
    [3, 5, false],
    [17, 29, true],
  ])('%i of %i satisfied: below 60%% is %s', (n, total, below) => {
    expect(satisfactionBelow(n, total, 60)).toBe(below);
  });
});

describe('民生实事 项目满意度测评 (§6.3 row 6, PUB 镇海区: ≥ 半数 of 全体)', () => {
  it.each([
    ['满意 when 满意 is exactly half of all deputies', { satisfied: 30, basic: 10, all: 60 }, '满意'],
    ['基本满意 when 满意 + 基本满意 reach half', { satisfied: 29, basic: 1, all: 60 }, '基本满意'],
    ['不满意 when even together they fall short', { satisfied: 20, basic: 9, all: 60 }, '不满意'],
  ] as const)('%s', (_l, counts, rating) => {
    expect(projectSatisfaction(counts)).toBe(rating);
  });
});

describe('第一书记 满意度 → grade ([DEFAULT] proposal for the [UNCERTAIN] mapping of §6.2)', () => {
  const survey = (good: number, rest: number) => satisfaction({ verySatisfied: good, satisfied: 0, basic: rest, unsatisfied: 0, entitled: good + rest });
  it.each([
    ['exactly 60% is not below 60%: no downgrade', 60, 40, undefined],
    ['59% → 基本称职', 59, 41, '基本称职'],
    ['exactly 40% → 基本称职 (not below 40%)', 40, 60, '基本称职'],
    ['39% → 不称职', 39, 61, '不称职'],
  ] as const)('%s', (_l, good, rest, grade) => {
    expect(gradeFromSatisfaction(survey(good, rest))).toBe(grade);
  });
});
