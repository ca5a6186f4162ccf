/**
 * The engine's error registry. Rejections of updates: each has a stable code (for the API's
 * `{code, message}` body and for tests), the HTTP status the API answers it with, a zh-CN message
 * a clerk can act on and an English one for logs. Thrown from update validators, so a rejected
 * action never enters the workflow history. A new code must say its status (`satisfies`): it can
 * no longer become a 409 by being forgotten.
 *
 * And the codes with which the engine stops a case it cannot continue (`EngineStop`).
 */
import { ApplicationFailure } from '@temporalio/common';

/** One entry of an error registry: the HTTP status the API answers with, zh-CN for people, English for logs. */
export interface ErrorSpec {
  readonly status: 403 | 404 | 409 | 422 | 503;
  readonly zh: string;
  readonly en: string;
}

export const ENGINE_ERRORS = {
  TASK_NOT_FOUND: { status: 404, zh: '找不到该待办任务', en: 'No such task' },
  TASK_NOT_OPEN: { status: 409, zh: '该任务已办结或已取消，不能再操作', en: 'The task is done or cancelled' },
  TASK_CLAIMED_BY_OTHER: { status: 409, zh: '该任务已被他人签收', en: 'Someone else has claimed the task' },
  NOT_ASSIGNEE: { status: 403, zh: '您不是该任务的办理人', en: 'You are not assigned to this task' },
  NOT_CLAIMED: { status: 409, zh: '请先签收该任务', en: 'Claim the task first' },
  NOT_YOUR_TURN: { status: 409, zh: '依次会签：尚未轮到您办理', en: 'Sequential countersign: not your turn yet' },
  ALREADY_SIGNED: { status: 409, zh: '您已在本任务上签署过', en: 'You have already signed this task' },
  OPERATION_NOT_ALLOWED: { status: 409, zh: '该环节不允许此操作', en: 'This step does not allow that operation' },
  INVALID_ACTION: { status: 422, zh: '该环节没有这个办理动作', en: 'This step has no such action' },
  INVALID_FORM: { status: 422, zh: '表单填写有误', en: 'The form has errors' },
  COMMENT_REQUIRED: { status: 422, zh: '此操作须填写意见', en: 'A comment is required' },
  INVALID_RETURN_TARGET: { status: 422, zh: '不能退回到该环节', en: 'Cannot return to that step' },
  TAKE_BACK_NOT_ALLOWED: { status: 409, zh: '现在不能拿回', en: 'The step cannot be taken back now' },
  CASE_NOT_RUNNING: { status: 409, zh: '案件不在办理中', en: 'The case is not running' },
  CASE_SUSPENDED: { status: 409, zh: '案件已中止，恢复后才能办理', en: 'The case is suspended' },
  CASE_NOT_SUSPENDED: { status: 409, zh: '案件未中止', en: 'The case is not suspended' },
  NOT_INITIATOR: { status: 403, zh: '只有发起人可以撤回', en: 'Only the initiator may withdraw' },
  WITHDRAW_TOO_LATE: { status: 409, zh: '第一个环节已有人处理，不能撤回', en: 'The first step has been worked on: too late to withdraw' },
  TERMINATE_TOO_LATE: { status: 403, zh: '案件已在办理中，只有督办领导可以终止', en: 'The case is under way: only a supervisor may terminate it' },
  NOT_SUPERVISOR: { status: 403, zh: '您没有督办权限', en: 'You are not a supervisor of this case' },
  NOT_A_VOTE: { status: 409, zh: '该任务不是表决环节', en: 'This task is not a vote' },
  TALLY_INVALID: { status: 422, zh: '计票数据不一致', en: 'The tally is inconsistent' },
  TALLY_NOT_SUBMITTED: { status: 409, zh: '尚未录入计票结果', en: 'No tally has been entered' },
  SCRUTINEER_IS_TELLER: { status: 403, zh: '监票人不能与计票人为同一人', en: 'The scrutineer cannot be the teller' },
  NOT_SCRUTINEER: { status: 403, zh: '您不是本次表决的监票人', en: 'You are not the scrutineer of this vote' },
  NOT_TELLER: { status: 403, zh: '您不是本次表决的计票人', en: 'You are not the teller of this vote' },
  NOT_A_VOTER: { status: 403, zh: '您不在本次表决的投票人名单中', en: 'You are not on the voter list' },
  ALREADY_VOTED: { status: 409, zh: '您已投过票', en: 'You have already voted' },
  BALLOT_INVALID: { status: 422, zh: '选票无效', en: 'The ballot is invalid' },
  BALLOT_NOT_CLOSABLE: { status: 409, zh: '现在不能结束投票', en: 'The ballot cannot be closed now' },
  BALLOT_BOX_UNAVAILABLE: { status: 503, zh: '投票箱暂时无法开箱计票，请稍后再结束投票', en: 'The ballot box cannot be opened now; close the ballot again later' },
  NOT_IN_PUBLICITY: { status: 409, zh: '该环节不在公示期内', en: 'This step is not in its publicity period' },
  USER_UNKNOWN: { status: 422, zh: '找不到该用户', en: 'No such user' },
  NO_DEADLINE: { status: 422, zh: '该任务没有办理时限', en: 'The task has no deadline' },
  NO_INCIDENT: { status: 409, zh: '案件没有待处理的异常', en: 'The case has no open incident' },
  DEFINITION_MISMATCH: { status: 422, zh: '新的流程定义不能用于本案', en: 'The new definition does not fit this case' },
  DEADLINE_AT_CAP: { status: 409, zh: '办理时限已到法定最长期限，不能再延期', en: 'The deadline is at its statutory maximum' },
  EXTENSION_LIMIT: { status: 422, zh: '超出本环节允许的延期', en: 'More extension than this step allows' },
  NOT_PROCESS_ADMIN: { status: 403, zh: '只有本单位或上级的流程管理员可以迁移案件', en: 'Only a process administrator of the case\'s unit or above may migrate it' },
  MIGRATION_REFUSED: { status: 409, zh: '本案不能迁移到该版本', en: 'The case cannot be migrated to that version' },
} as const satisfies Record<string, ErrorSpec>;

export type EngineErrorCode = keyof typeof ENGINE_ERRORS;

/** The zh-CN message of an engine rejection, with its detail. */
export function engineMessage(code: EngineErrorCode, detail?: string): string {
  return detail ? `${ENGINE_ERRORS[code].zh}：${detail}` : ENGINE_ERRORS[code].zh;
}

/** `issues`: problems at paths of the update's arguments (a form's fields: ['data', key]), for the API's 422. */
export function engineError(code: EngineErrorCode, detail?: string, issues?: { path: (string | number)[]; message: string }[]): ApplicationFailure {
  const message = engineMessage(code, detail);
  return ApplicationFailure.create({ type: code, message, nonRetryable: true, details: [{ code, detail, ...(issues?.length ? { issues } : {}) }] });
}

/**
 * Why the engine stopped a case it cannot continue (the workflow fails with this type; the timeline
 * says where). Thrown as `EngineStop` (engine/step.ts).
 */
export const ENGINE_STOPS = {
  UNKNOWN_GATEWAY: 'Unknown gateway type',
  UNKNOWN_NODE: 'Unknown node kind',
  NO_ROUTE: 'No outgoing edge matched',
  NO_JOIN: 'A parallel split without its join',
  SET_DATA_FAILED: 'A setData expression failed',
  INVALID_LIGHT: 'A light service node gave an invalid level',
  UNKNOWN_SERVICE: 'Unknown service action',
  SUBPROCESS_MISSING: 'A subprocess definition did not come with the case',
  SUBPROCESS_INPUT: 'A subprocess input expression failed',
} as const;
export type EngineStopCode = keyof typeof ENGINE_STOPS;
