import { describe, expect, it } from 'vitest';
import { checkCaseParams } from '../../dsl/case-params.js';
import { loadBuiltinProcedure } from '../../procedures/index.js';

describe('parameters given at case start cannot go below the statute', () => {
  const wuyi = loadBuiltinProcedure('wuyi-liangkai');
  const sanpiao = loadBuiltinProcedure('sanpiao-xuanju');
  const dangyuan = loadBuiltinProcedure('dangyuan-fazhan');

  it('村民会议 notice shorter than 10 days is refused (组织法 第21条)', () => {
    const issues = checkCaseParams(wuyi, { villagers_notice_days: 3 });
    expect(issues.map((i) => i.code)).toContain('PARAM_DEFAULT_OUT_OF_RANGE');
    expect(issues[0]!.message).toMatch(/本案参数不合法/);
    expect(issues[0]!.path).toEqual(['params', 'villagers_notice_days']);
    expect(checkCaseParams(wuyi, { villagers_notice_days: 10 })).toEqual([]);
    expect(checkCaseParams(wuyi, { villagers_notice_days: 15 })).toEqual([]);
  });

  it('党员大会选举 quorum looser than 4/5 of 应到会 is refused; a stricter one is accepted (选举工作条例)', () => {
    const looser = checkCaseParams(sanpiao, { election_quorum: { num: 3, den: 4 } });
    expect(looser.map((i) => i.code)).toContain('VOTE_BELOW_FLOOR');
    expect(looser[0]!.path).toEqual(['params', 'election_quorum']);
    expect(checkCaseParams(sanpiao, { election_quorum: { num: 9, den: 10 } })).toEqual([]);
  });

  it('延长预备期 stays within 6–12 months (发展党员工作细则)', () => {
    expect(checkCaseParams(dangyuan, { extension_months: 13 }).map((i) => i.code)).toContain('PARAM_DEFAULT_OUT_OF_RANGE');
    expect(checkCaseParams(dangyuan, { extension_months: 4 }).map((i) => i.code)).toContain('PARAM_DEFAULT_OUT_OF_RANGE');
    expect(checkCaseParams(dangyuan, { extension_months: 12 })).toEqual([]);
  });

  it('an unknown parameter and a value of the wrong type are refused', () => {
    expect(checkCaseParams(wuyi, { no_such_param: 1 }).map((i) => i.code)).toEqual(['UNKNOWN_PARAM']);
    expect(checkCaseParams(wuyi, { villagers_notice_days: '十天' }).length).toBeGreaterThan(0);
  });
});
