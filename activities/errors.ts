/**
 * Typed, non-retryable activity failures: a bad definition or an unknown user will not get
 * better by retrying, so the workflow sees the failure at once, with a code and a zh-CN message.
 */
import { ApplicationFailure } from '@temporalio/common';

export const ACTIVITY_ERRORS = {
  INVALID_SCHEDULE: '办理时限参数无效',
  USER_UNKNOWN: '找不到该用户',
  ORG_UNIT_MISSING: '无法确定办理单位',
  EXPRESSION_FAILED: '办理人表达式计算失败',
  EXPRESSION_RESULT_INVALID: '办理人表达式应返回用户标识或用户标识列表',
  UNKNOWN_TEMPLATE: '没有这个文书模板',
  UNKNOWN_CALLOUT: '没有这个外部接口',
  DIRECTORY_INVALID: '人员目录文件格式错误',
  HOLIDAYS_INVALID: '节假日安排文件格式错误',
  NO_BALLOT_BOX: '本工作进程没有连接投票箱（应用数据库），无法开箱计票',
} as const;

export type ActivityErrorCode = keyof typeof ACTIVITY_ERRORS;

export function activityFailure(code: ActivityErrorCode, detail?: string): ApplicationFailure {
  const message = detail ? `${ACTIVITY_ERRORS[code]}：${detail}` : ACTIVITY_ERRORS[code];
  return ApplicationFailure.create({ type: code, message, nonRetryable: true, details: [{ code, detail }] });
}
