/**
 * 延期 within the node's statute (workflows/rules/extension.ts), answered by the API as a 422 with
 * the reason before the update is sent; the `extend` validator checks the same again.
 */
import { isHumanNode } from '../../dsl/schema.js';
import type { CaseState } from '../../workflows/types.js';
import { extensionProblem, extensionsOf, type ExtensionAmount } from '../../workflows/rules/extension.js';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { definitionOf } from './case-service.js';

export async function requireExtensionAllowed(ctx: AppContext, state: CaseState, req: { taskId: string } & ExtensionAmount): Promise<void> {
  const task = state.tasks.find((t) => t.id === req.taskId);
  if (!task) return; // the update answers TASK_NOT_FOUND
  const node = (await definitionOf(ctx, state)).nodes.find((n) => n.id === task.nodeId);
  if (!node || !isHumanNode(node)) return;
  const problem = extensionProblem(node.deadline, extensionsOf(state.timeline, task.id), { amount: req.amount, unit: req.unit });
  if (problem) throw new ApiError(422, 'EXTENSION_LIMIT', problem, [{ path: ['amount'], message: problem }]);
}
