import { describe, expect, it } from 'vitest';
import { VoteSpecSchema, type VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../../workflows/messages.js';
import { evaluateQuorum, evaluateVote, RULE_PRESETS, type RulePresetKey } from '../../workflows/rules/votes.js';

/** A yes/no motion under a named preset. */
function motion(key: RulePresetKey): VoteSpec {
  const p = RULE_PRESETS[key];
  return VoteSpecSchema.parse({
    mode: 'tally',
    options: { type: 'yesNo' },
    groups: 'groups' in p ? p.groups : [],
    quorum: 'quorum' in p ? p.quorum : undefined,
    pass: 'pass' in p ? p.pass : { base: 'present', op: '>', num: 1, den: 2 },
  });
}

function tally(entitled: number, present: number, yes = 0, extra: Partial<TallyGroup> = {}): TallyGroup {
  return { group: 'default', entitled, present, yes, ...extra };
}

describe('村民代表会议 (村民委员会组织法 第26条: ≥ ⅔ of 组成人员 present; > ½ of those present agree)', () => {
  const spec = motion('cunmin-daibiao-huiyi');

  it.each([
    ['exactly ⅔ of 30 members present (20) is a quorum', 30, 20, true],
    ['one fewer (19 of 30) is not a quorum', 30, 19, false],
    ['⅔ of 31 members is 20.67: 21 present is a quorum', 31, 21, true],
    ['⅔ of 31 members: 20 present is not a quorum', 31, 20, false],
  ])('%s', (_label, members, present, met) => {
    const r = evaluateQuorum(spec.quorum, [tally(members, present)]);
    expect(r.met).toBe(met);
    expect(r.explanation[0]).toContain('村民委员会组织法 第26条');
  });

  it('a meeting without quorum reports no_quorum, not a rejection', () => {
    const r = evaluateVote(spec, [tally(30, 19, 19)]);
    expect(r.outcome).toBe('no_quorum');
    expect(r.quorumMet).toBe(false);
    expect(r.explanation[0]).toBe('到会 19/全体 30，未达到全体成员人数的三分之二（至少需 20）— 不足法定人数（村民委员会组织法 第26条）');
  });

  it('exactly half of those present (10 of 20) is not a majority: rejected', () => {
    const r = evaluateVote(spec, [tally(30, 20, 10, { no: 10 })]);
    expect(r.outcome).toBe('rejected');
    expect(r.explanation).toContain('赞成 10/到会 20，未超过到会人数的一半（至少需 11）— 未通过（村民委员会组织法 第26条）');
  });

  it('11 of 20 present is a majority: passed, with the quorum line first', () => {
    const r = evaluateVote(spec, [tally(30, 20, 11, { no: 8, abstain: 1 })]);
    expect(r.outcome).toBe('passed');
    expect(r.explanation).toEqual([
      '到会 20/全体 30 ≥ ⅔ — 有效（村民委员会组织法 第26条）',
      '表决结果：赞成 11，反对 8，弃权 1',
      '赞成 11/到会 20 > ½ — 通过（村民委员会组织法 第26条）',
    ]);
  });

  it('the majority counts those present, not the members: 11 yes of 21 present passes though 11 is not over half of 30', () => {
    expect(evaluateVote(spec, [tally(30, 21, 11)]).outcome).toBe('passed');
    expect(evaluateVote(spec, [tally(30, 21, 10)]).outcome).toBe('rejected');
  });
});

describe('村民会议 (组织法 第22条: > ½ of 18+ villagers OR ≥ ⅔ of households; > ½ of those present agree)', () => {
  const spec = motion('cunmin-huiyi');
  const meeting = (villagers: [number, number], households: [number, number], yes = 0): TallyGroup[] => [
    { group: 'villagers', entitled: villagers[0], present: villagers[1], yes },
    { group: 'households', entitled: households[0], present: households[1] },
  ];

  it('quorum through households when fewer than half of the villagers came: 200 of 300 households (exactly ⅔)', () => {
    const r = evaluateQuorum(spec.quorum, meeting([1000, 400], [300, 200]), spec.groups);
    expect(r.met).toBe(true);
    expect(r.explanation).toContain('户的代表：到会 200/全体 300 ≥ ⅔ — 有效（村民委员会组织法 第22条）');
    expect(r.explanation.at(-1)).toBe('满足任一条件即可 — 会议有效');
  });

  it('no quorum when villagers are exactly half (not 过半数) and households are one short of ⅔', () => {
    const r = evaluateVote(spec, meeting([1000, 500], [300, 199], 400));
    expect(r.outcome).toBe('no_quorum');
    expect(r.explanation).toContain(
      '十八周岁以上村民：到会 500/全体 1000，未超过全体成员人数的一半（至少需 501）— 不足法定人数（村民委员会组织法 第22条）',
    );
  });

  it('quorum through villagers alone (501 of 1000) even with few households represented', () => {
    expect(evaluateQuorum(spec.quorum, meeting([1000, 501], [300, 150]), spec.groups).met).toBe(true);
  });

  it('the decision needs > ½ of the persons present: 201 of 400 passes, 200 does not', () => {
    expect(evaluateVote(spec, meeting([1000, 400], [300, 210], 201)).outcome).toBe('passed');
    expect(evaluateVote(spec, meeting([1000, 400], [300, 210], 200)).outcome).toBe('rejected');
  });
});

describe('村民小组会议 / 户主会议 (组织法 第28条: ⅔ of 18+ members or ⅔ of households)', () => {
  const spec = motion('cunmin-xiaozu-huiyi');
  it.each([
    ['⅔ of households (24 of 36) suffices', 90, 40, 36, 24, true],
    ['23 of 36 households and 59 of 90 villagers is short on both', 90, 59, 36, 23, false],
    ['60 of 90 villagers (exactly ⅔) suffices', 90, 60, 36, 10, true],
  ])('%s', (_l, v, vp, h, hp, met) => {
    const groups: TallyGroup[] = [
      { group: 'villagers', entitled: v, present: vp },
      { group: 'households', entitled: h, present: hp },
    ];
    expect(evaluateQuorum(spec.quorum, groups).met).toBe(met);
  });
});

describe('两村两会 (SEED:003: ≥ ½ of 党员 AND ≥ ⅔ of 村民代表; > ½ of those present agree)', () => {
  const spec = motion('liangcun-lianghui');
  const joint = (party: [number, number, number], reps: [number, number, number]): TallyGroup[] => [
    { group: 'dangyuan', entitled: party[0], present: party[1], yes: party[2] },
    { group: 'daibiao', entitled: reps[0], present: reps[1], yes: reps[2] },
  ];

  it('both groups are needed: half the party members but 19 of 30 representatives is no quorum', () => {
    const r = evaluateVote(spec, joint([40, 20, 20], [30, 19, 19]));
    expect(r.outcome).toBe('no_quorum');
    expect(r.explanation).toContain('党员：到会 20/全体 40 ≥ ½ — 有效（SEED:003：一半以上党员参加）');
    // Seed practice, not statute: the meeting lacks the 规定人数 (issue 17 terminology), not a 法定人数.
    expect(r.explanation.at(-1)).toBe('各项条件须同时满足 — 不足规定人数，会议无效');
  });

  it('and ⅔ of the representatives with 19 of 40 party members is no quorum either', () => {
    expect(evaluateVote(spec, joint([40, 19, 19], [30, 20, 20])).outcome).toBe('no_quorum');
  });

  it('with both met, the majority is of everyone present at the joint meeting (20 + 20 = 40 → 21 needed)', () => {
    expect(evaluateVote(spec, joint([40, 20, 11], [30, 20, 10])).outcome).toBe('passed');
    const r = evaluateVote(spec, joint([40, 20, 10], [30, 20, 10]));
    expect(r.outcome).toBe('rejected');
    expect(r.explanation).toContain('赞成 20/到会 40，未超过到会人数的一半（至少需 21）— 未通过（SEED:003：到会人员过半数同意）');
  });
});

describe('支部大会讨论接收预备党员 (发展党员工作细则: attendance > ½ of 应到会; yes > ½ of 应到会)', () => {
  const spec = motion('jieshou-yubei-dangyuan');
  it('yes counted against 应到会, not those present: 10 yes of 19 present with 20 entitled is rejected', () => {
    const r = evaluateVote(spec, [tally(20, 19, 10)]);
    expect(r.outcome).toBe('rejected');
    expect(r.explanation.at(-1)).toContain('未超过应到会人数的一半（至少需 11）');
  });
  it('exactly half of 应到会 attending (10 of 20) is no quorum', () => {
    expect(evaluateVote(spec, [tally(20, 10, 10)]).outcome).toBe('no_quorum');
  });
  it('11 yes of 20 entitled passes', () => {
    expect(evaluateVote(spec, [tally(20, 12, 11)]).outcome).toBe('passed');
  });
});

describe('党员大会审议 in 四议两公开 (PUB: ⅔ attendance; pass > ½ of 应到会, “半数以上” UNCERTAIN)', () => {
  const spec = motion('dangyuan-dahui-shenyi');
  it('exactly ⅔ of 30 members attending; 15 yes of 30 entitled is not more than half', () => {
    expect(evaluateVote(spec, [tally(30, 20, 15)]).outcome).toBe('rejected');
    expect(evaluateVote(spec, [tally(30, 20, 16)]).outcome).toBe('passed');
  });
  it('the preset says why the pass rule is uncertain', () => {
    expect(RULE_PRESETS['dangyuan-dahui-shenyi'].pass.provenance).toBe('UNCERTAIN');
    expect(RULE_PRESETS['dangyuan-dahui-shenyi'].note).toContain('半数以上');
  });
});

describe('第一书记 满意度测评 turnout (SEED:002: ≥ ⅔ of 应参加)', () => {
  it('exactly ⅔ turnout is valid, one fewer is not', () => {
    const q = RULE_PRESETS['diyi-shuji-manyidu'].quorum;
    expect(evaluateQuorum(q, [tally(60, 40)]).met).toBe(true);
    expect(evaluateQuorum(q, [tally(60, 39)]).met).toBe(false);
  });
});

describe('镇人代会票决 (DEFAULT by analogy to 地方组织法: > ½ of 全体代表)', () => {
  it('a project with 30 yes of 60 deputies fails even if only 40 attended', () => {
    const spec = motion('rendaihui-piaojue');
    expect(evaluateVote(spec, [tally(60, 40, 30)]).outcome).toBe('rejected');
    expect(evaluateVote(spec, [tally(60, 40, 31)]).outcome).toBe('passed');
  });
});

describe('a vote without a quorum rule', () => {
  it('says so and decides on the pass rule alone', () => {
    const spec = motion('liangwei-shangyi');
    const r = evaluateVote(spec, [tally(7, 5, 4)]);
    expect(r.outcome).toBe('passed');
    expect(r.explanation[0]).toBe('本表决未设法定到会人数要求');
  });
});
