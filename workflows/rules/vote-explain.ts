/**
 * zh-CN explanation lines for vote rules: each names the count, the base, the fraction and the
 * source, e.g. “到会 21/全体成员 30 ≥ ⅔ — 有效（村民委员会组织法 第26条）” or
 * “赞成 10/到会 21，未超过到会人数的一半（至少需 11）— 未通过”.
 */
import type { Provenance, VoteBase } from '../../dsl/schema.js';
import { minCountFor, ruleHolds, type Threshold } from './vote-arithmetic.js';

const GLYPHS: Record<string, string> = {
  '1/2': '½',
  '1/3': '⅓',
  '2/3': '⅔',
  '1/4': '¼',
  '3/4': '¾',
  '1/5': '⅕',
  '2/5': '⅖',
  '3/5': '⅗',
  '4/5': '⅘',
  '1/6': '⅙',
  '5/6': '⅚',
  '1/8': '⅛',
  '3/8': '⅜',
  '5/8': '⅝',
  '7/8': '⅞',
  '1/10': '⅒',
};

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x === 0 ? 1 : x;
}

/** Reduced fraction as a glyph when one exists (½ ⅔ ⅘), else “7/12”; 1/1 → “全部”. */
export function fractionGlyph(num: number, den: number): string {
  if (num === 0) return '0';
  const g = gcd(num, den);
  const n = num / g;
  const d = den / g;
  if (d === 1) return n === 1 ? '全部' : `${n} 倍`;
  return GLYPHS[`${n}/${d}`] ?? `${n}/${d}`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals (“十”, “十二”, “二十”); larger numbers stay in digits. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 1/2 → 一半, 2/3 → 三分之二, 4/5 → 五分之四. */
export function fractionWords(num: number, den: number): string {
  if (num === 0) return '零';
  const g = gcd(num, den);
  const n = num / g;
  const d = den / g;
  if (d === 1) return n === 1 ? '全部' : `${chineseNumber(n)}倍`;
  if (n === 1 && d === 2) return '一半';
  return `${chineseNumber(d)}分之${chineseNumber(n)}`;
}

/** Short name of a base before its number: “赞成 12/到会 21”. */
export function baseShortLabel(base: VoteBase): string {
  switch (base) {
    case 'entitled':
      return '应到';
    case 'present':
      return '到会';
    case 'cast':
      return '投票';
    case 'all':
      return '全体';
    default: {
      const never: never = base;
      return String(never);
    }
  }
}

/** The base in a phrase: “未超过到会人数的一半”. */
export function basePhrase(base: VoteBase): string {
  switch (base) {
    case 'entitled':
      return '应到会人数';
    case 'present':
      return '到会人数';
    case 'cast':
      return '投票数';
    case 'all':
      return '全体成员人数';
    default: {
      const never: never = base;
      return String(never);
    }
  }
}

export function opSymbol(op: Threshold['op']): string {
  return op === '>' ? '>' : '≥';
}

/** What a line is about: it sets the counted noun and the verdict words. */
export type ExplainKind = 'quorum' | 'pass' | 'candidate' | 'trust';

export interface ExplainInput {
  kind: ExplainKind;
  count: number;
  base: number;
  rule: Threshold & { base: VoteBase; source?: string | undefined; provenance?: Provenance | undefined };
  /** Voter-group label (“党员”) or candidate name, prefixed to the line. */
  subject?: string | undefined;
}

/**
 * A quorum only the statute sets is 法定人数; one set by a seed, a local rule or our default
 * (党员大会审议 ⅔, 两村两会, 满意度测评) is 规定人数 — calling it 法定 would claim a law that is not there.
 */
export function quorumWord(provenance: Provenance | undefined): '法定人数' | '规定人数' {
  return provenance === 'STAT' ? '法定人数' : '规定人数';
}

function verdict(kind: ExplainKind, holds: boolean, provenance?: Provenance): string {
  switch (kind) {
    case 'quorum':
      return holds ? '有效' : `不足${quorumWord(provenance)}`;
    case 'pass':
      return holds ? '通过' : '未通过';
    case 'candidate':
      return holds ? '达到当选票数' : '未达到当选票数';
    case 'trust':
      return holds ? '通过信任度测评' : '未通过信任度测评，淘汰';
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

function countNoun(kind: ExplainKind): string {
  switch (kind) {
    case 'quorum':
      return '到会';
    case 'pass':
      return '赞成';
    case 'candidate':
      return '得票';
    case 'trust':
      return '信任票';
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

/**
 * One readable line for one rule: the count, the base (named), the operator and fraction, the
 * verdict and the source. A failing line says what was missing and the least count that would do.
 */
export function explainRule(input: ExplainInput): string {
  const { kind, count, base, rule } = input;
  const holds = ruleHolds(count, rule, base);
  const prefix = input.subject ? `${input.subject}：` : '';
  const baseName = kind === 'trust' ? '参评' : baseShortLabel(rule.base);
  const phrase = kind === 'trust' ? '参评人数' : basePhrase(rule.base);
  const source = rule.source ? `（${rule.source}）` : '';
  const head = `${prefix}${countNoun(kind)} ${count}/${baseName} ${base}`;
  if (holds) {
    return `${head} ${opSymbol(rule.op)} ${fractionGlyph(rule.num, rule.den)} — ${verdict(kind, true, rule.provenance)}${source}`;
  }
  const missed = rule.op === '>' ? '未超过' : '未达到';
  const need = minCountFor(rule, base);
  return `${head}，${missed}${phrase}的${fractionWords(rule.num, rule.den)}（至少需 ${need}）— ${verdict(kind, false, rule.provenance)}${source}`;
}

/**
 * A rule on its own, for the designer and the case page before any count exists:
 * “到会人数达到全体成员人数的三分之二以上（村民委员会组织法 第26条）”, “赞成票超过到会人数的一半”.
 */
export function describeRule(
  kind: 'quorum' | 'pass',
  rule: Threshold & { base: VoteBase; source?: string | undefined },
  subject?: string,
): string {
  const who = subject ? `${subject}` : '';
  const noun = kind === 'quorum' ? '到会人数' : '赞成票';
  const fraction = fractionWords(rule.num, rule.den);
  const body =
    rule.op === '>'
      ? `${who}${noun}超过${basePhrase(rule.base)}的${fraction}`
      : `${who}${noun}达到${basePhrase(rule.base)}的${fraction}以上`;
  return `${body}（${opSymbol(rule.op)} ${fractionGlyph(rule.num, rule.den)}）${rule.source ? `（${rule.source}）` : ''}`;
}
