/**
 * CLI failures with a code, a zh-CN message and an exit code: 1 for bad input or an unreachable
 * server, 2 when the engine rejected the action (an update validator's ApplicationFailure).
 */
// No Temporal imports here: `jiceng validate` must start fast, so errors are recognised by name.

export const EXIT = { ok: 0, invalid: 1, rejected: 2 } as const;

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.invalid,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Maps whatever was thrown to a CliError the output layer can print. */
export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  const named = err as { name?: string; message?: string; cause?: unknown; workflowId?: string };
  if (named?.name === 'WorkflowUpdateFailedError') {
    const cause = named.cause as { name?: string; type?: string | null; message?: string; details?: unknown[] } | undefined;
    if (cause?.name === 'ApplicationFailure') return new CliError(cause.type ?? 'REJECTED', cause.message ?? '', EXIT.rejected, cause.details);
    return new CliError('REJECTED', cause?.message ?? named.message ?? '', EXIT.rejected);
  }
  if (named?.name === 'WorkflowNotFoundError') {
    return new CliError('CASE_NOT_FOUND', `找不到案件 ${named.workflowId ?? ''}`.trim(), EXIT.rejected);
  }
  if (named?.name === 'ApplicationFailure') {
    const af = err as { type?: string | null; message: string };
    return new CliError(af.type ?? 'REJECTED', af.message, EXIT.rejected);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/ECONNREFUSED|Connection refused|failed to connect|transport error|UNAVAILABLE/i.test(message)) {
    return new CliError('TEMPORAL_UNREACHABLE', `无法连接 Temporal 服务（${temporalAddress()}）：请先用 npm run dev 启动系统，或设置 TEMPORAL_ADDRESS。${message.split('\n')[0]}`);
  }
  return new CliError('CLI_FAILED', message);
}

export function temporalAddress(): string {
  return process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
}
