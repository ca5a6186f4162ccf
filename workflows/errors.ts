/**
 * Typed rejections of updates. Each has a stable code (for the API's `{code, message}` body and
 * for tests) and a zh-CN message a clerk can act on. Thrown from update validators, so a
 * rejected action never enters the workflow history.
 */
import { ApplicationFailure } from '@temporalio/common';

export const ENGINE_ERRORS = {
  TASK_NOT_FOUND: '找不到该待办任务',
  TASK_NOT_OPEN: '该任务已办结或已取消，不能再操作',
  TASK_CLAIMED_BY_OTHER: '该任务已被他人签收',
  NOT_ASSIGNEE: '您不是该任务的办理人',
  NOT_CLAIMED: '请先签收该任务',
  NOT_YOUR_TURN: '依次会签：尚未轮到您办理',
  ALREADY_SIGNED: '您已在本任务上签署过',
  OPERATION_NOT_ALLOWED: '该环节不允许此操作',
  INVALID_ACTION: '该环节没有这个办理动作',
  INVALID_FORM: '表单填写有误',
  COMMENT_REQUIRED: '此操作须填写意见',
  INVALID_RETURN_TARGET: '不能退回到该环节',
  CASE_NOT_RUNNING: '案件不在办理中',
  CASE_SUSPENDED: '案件已中止，恢复后才能办理',
  CASE_NOT_SUSPENDED: '案件未中止',
  NOT_INITIATOR: '只有发起人可以撤回',
  WITHDRAW_TOO_LATE: '第一个环节已有人处理，不能撤回',
  TERMINATE_TOO_LATE: '案件已在办理中，只有督办领导可以终止',
  NOT_SUPERVISOR: '您没有督办权限',
  NOT_A_VOTE: '该任务不是表决环节',
  TALLY_INVALID: '计票数据不一致',
  TALLY_NOT_SUBMITTED: '尚未录入计票结果',
  SCRUTINEER_IS_TELLER: '监票人不能与计票人为同一人',
  NOT_SCRUTINEER: '您不是本次表决的监票人',
  NOT_TELLER: '您不是本次表决的计票人',
  NOT_A_VOTER: '您不在本次表决的投票人名单中',
  ALREADY_VOTED: '您已投过票',
  BALLOT_INVALID: '选票无效',
  BALLOT_NOT_CLOSABLE: '现在不能结束投票',
  BALLOT_BOX_UNAVAILABLE: '投票箱暂时无法开箱计票，请稍后再结束投票',
  NOT_IN_PUBLICITY: '该环节不在公示期内',
  USER_UNKNOWN: '找不到该用户',
  NO_DEADLINE: '该任务没有办理时限',
  NO_INCIDENT: '案件没有待处理的异常',
  DEFINITION_MISMATCH: '新的流程定义不能用于本案',
  DEADLINE_AT_CAP: '办理时限已到法定最长期限，不能再延期',
  EXTENSION_LIMIT: '超出本环节允许的延期',
} as const;

export type EngineErrorCode = keyof typeof ENGINE_ERRORS;

export function engineError(code: EngineErrorCode, detail?: string): ApplicationFailure {
  const message = detail ? `${ENGINE_ERRORS[code]}：${detail}` : ENGINE_ERRORS[code];
  return ApplicationFailure.create({ type: code, message, nonRetryable: true, details: [{ code, detail }] });
}
