/**
 * Format checks of form values (pure, shared by the engine's update validator, the API and the web
 * form): 手机号, 电话, 居民身份证号码 with its check digit, calendar dates and amounts of money.
 * Each returns undefined when the value is well-formed, else a zh-CN message a clerk can act on.
 */

/** 中国大陆手机号: 11 digits, 1[3-9]…; spaces and hyphens between groups are allowed. */
const MOBILE = /^1[3-9]\d{9}$/;
/** 固定电话: area code 0xx(x), 7–8 digits, optional extension; or a 400/800 service number. */
const LANDLINE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/;

const compact = (v: string) => v.trim().replace(/[\s-]/g, '');

export function mobileProblem(value: string): string | undefined {
  return MOBILE.test(compact(value)) ? undefined : '手机号应为 11 位数字，以 13–19 开头';
}

export function phoneProblem(value: string): string | undefined {
  const v = value.trim().replace(/\s/g, '');
  if (MOBILE.test(compact(v)) || LANDLINE.test(v)) return undefined;
  return '电话号码格式不正确（手机号 11 位，固定电话如 0571-88888888）';
}

/** GB 11643-1999 weights of the first 17 digits, and the check character by sum mod 11. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character the first 17 digits of a 居民身份证号码 call for. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/** A real calendar date (2026-02-30 is not). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] as number);
}

/** 居民身份证号码 (18 位): region, date of birth and the check digit of GB 11643-1999. */
export function idCardProblem(value: string): string | undefined {
  const v = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return '身份证号应为 18 位（末位可为 X）';
  if (!/^[1-8]\d/.test(v)) return '身份证号前两位不是有效的省级行政区划代码';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  if (y < 1900 || !isCalendarDate(y, m, d)) return '身份证号中的出生日期无效';
  if (idCardCheckChar(v.slice(0, 17)) !== v[17]) return '身份证号校验位不正确，请核对';
  return undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date as the forms send it: YYYY-MM-DD (optionally with a time), and a day that exists. */
export function dateProblem(value: string): string | undefined {
  const m = DATE.exec(value.trim());
  if (!m) return '日期格式应为 YYYY-MM-DD';
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return '没有这一天，请检查月份和日期';
  return undefined;
}

/** 金额: a finite number of yuan, not negative, at most two decimals (分). */
export function moneyProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return '金额应为数字';
  if (value < 0) return '金额不能为负数';
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) return '金额最多保留两位小数（分）';
  return undefined;
}

export type FieldFormat = 'mobile' | 'phone' | 'idCard';

export function formatProblem(format: FieldFormat, value: string): string | undefined {
  switch (format) {
    case 'mobile':
      return mobileProblem(value);
    case 'phone':
      return phoneProblem(value);
    case 'idCard':
      return idCardProblem(value);
    default: {
      const never: never = format;
      return `未知格式 ${String(never)}`;
    }
  }
}
