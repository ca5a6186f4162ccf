/**
 * Hand-off on the built-in procedures (issue 18): every human task and vote may be 转办 (handed to
 * a colleague who may work on it) and 委托 (someone acts on the holder's behalf, also by an
 * out-of-office rule); every task may be 拿回 by whoever completed it while the next step is
 * untouched (engine/hand-off.ts). 退回 to the previous step only where practice sends work back
 * there — listed here with the reason, and in procedures/README.md.
 */
import type { Operation } from '../../dsl/schema.js';

export const HAND_OFF_OPERATIONS: readonly Operation[] = ['transfer', 'delegate'];

export interface ReturnRule {
  /** The previous step(s) the node may send the case back to. */
  to: string[];
  /** Why practice allows it (shown in procedures/README.md). */
  why: string;
}

/** procedure key → node id → where 退回 may go. */
export const RETURN_RULES: Record<string, Record<string, ReturnRule>> = {
  xinfang: {
    accept_decision: { to: ['register'], why: '登记信息不全、不能作出受理决定时，退回首问责任人补正登记' },
  },
  'dangyuan-fazhan': {
    pre_review: { to: ['political_review'], why: '预审发现政审材料不全或结论不明确的，退回支部补充政治审查' },
  },
  'diyi-shuji': {
    assess_county: { to: ['self_report'], why: '自查申报材料不全的，考核组退回第一书记补充' },
    assess_township: { to: ['self_report'], why: '自查申报材料不全的，考核组退回第一书记补充' },
    committee_approval: { to: ['minister_review'], why: '区（县）委审批不同意排名定档的，退回部长办公会重新审核' },
  },
  'dongtai-yujing': {
    recheck: { to: ['report'], why: '预警信息录入有误或依据不足的，乡镇站退回动态管理员更正' },
    red_review: { to: ['report'], why: '红灯依据不足的，县中心退回动态管理员补充' },
  },
  'liangcun-lianghui': {
    classify: { to: ['survey'], why: '调查摸底不全的，退回驻村干部补充调查' },
  },
  'minsheng-shishi': {
    party_review: { to: ['shortlist'], why: '镇党委不同意候选项目的，退回镇政府重新初选' },
  },
  'sanjian-yishen': {
    review: { to: ['nomination'], why: '推荐材料不全（如联名人数不足）的，一审退回补充推荐' },
  },
  'sanpiao-xuanju': {
    eligibility: { to: ['registration'], why: '报名材料不全的，资格审查退回补充报名材料' },
  },
};
