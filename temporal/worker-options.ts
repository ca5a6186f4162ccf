import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, type LogLevel, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

/** Entry of the workflow bundle (the interpreter and everything it imports). */
export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Bundler options of every interpreter bundle (worker, tests, benchmarks): the libraries and the
 * interpreter are evaluated once per worker thread and shared by all cached cases, not once per
 * case (workflows/shared-modules.ts says why that is safe).
 */
export const workflowBundlerOptions = {
  preloadModules: [fileURLToPath(new URL('../workflows/shared-modules.ts', import.meta.url))],
};

/** The interpreter bundle, built the one way the worker builds it. */
export function bundleInterpreter(logLevel: LogLevel = 'ERROR'): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger(logLevel), ...workflowBundlerOptions });
}
