/**
 * The activities' error registry: typed, non-retryable failures — a bad definition or an unknown
 * user will not get better by retrying, so the workflow sees the failure at once, with a code, a
 * zh-CN message and an English one. Codes are the activities' own: an assignment naming an unknown
 * user is ASSIGNEE_UNKNOWN here, while USER_UNKNOWN is the engine's rejection of an update.
 */
import { ApplicationFailure } from '@temporalio/common';

export const ACTIVITY_ERRORS = {
  INVALID_SCHEDULE: { zh: '办理时限参数无效', en: 'Invalid deadline parameters' },
  ASSIGNEE_UNKNOWN: { zh: '找不到该用户', en: 'An assignment names an unknown user' },
  ORG_UNIT_MISSING: { zh: '无法确定办理单位', en: 'No org unit to look the role up in' },
  EXPRESSION_FAILED: { zh: '办理人表达式计算失败', en: 'The assignee expression failed' },
  EXPRESSION_RESULT_INVALID: { zh: '办理人表达式应返回用户标识或用户标识列表', en: 'The assignee expression must give a user id or a list of them' },
  UNKNOWN_TEMPLATE: { zh: '没有这个文书模板', en: 'No such notice template' },
  UNKNOWN_CALLOUT: { zh: '没有这个外部接口', en: 'No such call-out' },
  DIRECTORY_INVALID: { zh: '人员目录文件格式错误', en: 'The directory file is malformed' },
  HOLIDAYS_INVALID: { zh: '节假日安排文件格式错误', en: 'The holiday file is malformed' },
  NO_BALLOT_BOX: { zh: '本工作进程没有连接投票箱（应用数据库），无法开箱计票', en: 'This worker has no ballot box (app database)' },
} as const satisfies Record<string, { readonly zh: string; readonly en: string }>;

export type ActivityErrorCode = keyof typeof ACTIVITY_ERRORS;

export function activityFailure(code: ActivityErrorCode, detail?: string): ApplicationFailure {
  const message = detail ? `${ACTIVITY_ERRORS[code].zh}：${detail}` : ACTIVITY_ERRORS[code].zh;
  return ApplicationFailure.create({ type: code, message, nonRetryable: true, details: [{ code, detail }] });
}
