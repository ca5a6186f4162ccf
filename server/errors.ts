/**
 * The one error body of the API, `{code, message (zh-CN), issues?}`, and the mapping of engine
 * rejections (ApplicationFailure type = code of workflows/errors.ts) to HTTP statuses.
 */
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ENGINE_ERRORS, type EngineErrorCode } from '../workflows/errors.js';
import { causeChain, findInChain } from '../temporal/cause-chain.js';

export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }
}

export const notAuthenticated = () => new ApiError(401, 'NOT_AUTHENTICATED', '请先登录');
export const forbidden = (detail?: string) => new ApiError(403, 'FORBIDDEN', detail ? `无权访问：${detail}` : '您没有权限执行此操作');
export const notFound = (what = '资源') => new ApiError(404, 'NOT_FOUND', `找不到${what}`);
export const validation = (issues: ApiIssue[], message = '提交的数据有误') => new ApiError(422, 'VALIDATION', message, issues);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
/** The case exists but its workflow cannot answer now (no worker, a workflow task failing, a stalled server). */
export const caseUnavailable = () =>
  new ApiError(503, 'CASE_UNAVAILABLE', '案件暂时无法读取：流程引擎未能及时响应（可能正在恢复或该案件的处理出错），请稍后再试；如持续出现请联系管理员');

const ENDED_STATUS: Record<string, string> = { completed: '办结', withdrawn: '撤回', terminated: '终止', failed: '异常结束' };
/** An operation on a case whose workflow has closed. */
export const caseEnded = (status?: string) =>
  new ApiError(409, 'CASE_ENDED', `该案件已${(status && ENDED_STATUS[status]) || '结束'}，不能再办理或操作`);

/** The HTTP status of an engine rejection, from the engine's registry (workflows/errors.ts); 409 for a code it does not know (an activity's or the interpreter's own). */
export function statusOfEngineCode(code: string): number {
  return code in ENGINE_ERRORS ? ENGINE_ERRORS[code as EngineErrorCode].status : 409;
}

/** Maps a Temporal client error to an ApiError, or undefined when it is not a known rejection. */
export function fromTemporalError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof WorkflowNotFoundError || (err as Error)?.name === 'WorkflowNotFoundError') return notFound('该案件');
  const failure = findInChain(err, ApplicationFailure);
  if (failure && failure.type) {
    const details = failure.details?.[0] as { issues?: ApiIssue[] } | undefined;
    const issues = Array.isArray(details?.issues) ? details.issues : undefined;
    return new ApiError(statusOfEngineCode(failure.type), failure.type, failure.message, issues);
  }
  // The case's workflow task is failing (a stalled case): it cannot take updates until repaired.
  if (causeChain(err).some((e) => /workflow task in failed state/i.test(String(e?.message)))) return caseUnavailable();
  if (err instanceof WorkflowUpdateFailedError) return conflict('CONFLICT', '操作未能完成，请刷新后重试');
  // Temporal itself unreachable or too slow (gRPC UNAVAILABLE / DEADLINE_EXCEEDED).
  if (causeChain(err).some((e) => e?.code === 14 || e?.code === 4)) return new ApiError(503, 'ENGINE_UNAVAILABLE', '流程引擎暂时不可用，请稍后再试');
  const msg = String((err as Error)?.message ?? '');
  if (/workflow execution already completed|already completed/i.test(msg)) return conflict('CASE_NOT_RUNNING', '案件已结束，不能再操作');
  if (/not found/i.test(msg) && /workflow/i.test(msg)) return notFound('该案件');
  return undefined;
}
