/**
 * The subprocess node: a child case (the same interpreter) started with the definition snapshot
 * from `CaseInput.subdefinitions`; the parent waits, maps the child's fields back, and routes on
 * the child's outcome.
 */
import { ChildWorkflowCancellationType, executeChild } from '@temporalio/workflow';
import { evaluateExpression, ExpressionBudgetError } from '../../dsl/expressions.js';
import type { NodeOf } from '../../dsl/schema.js';
import type { CaseInput, CaseResult } from '../types.js';
import type { CaseRuntime } from './runtime.js';
import { EngineStop, type Step } from './step.js';

export async function runSubprocessNode(rt: CaseRuntime, node: NodeOf<'subprocess'>): Promise<Step> {
  const def = rt.input.subdefinitions?.[node.definitionKey];
  if (!def) throw new EngineStop('SUBPROCESS_MISSING', `子流程「${node.definitionKey}」的定义没有随案件提供`, node.id);
  const ctx = rt.exprContext();
  const data: Record<string, unknown> = {};
  for (const [field, expr] of Object.entries(node.input)) {
    try {
      data[field] = evaluateExpression(expr, ctx);
    } catch (err) {
      if (err instanceof ExpressionBudgetError) throw err;
      throw new EngineStop('SUBPROCESS_INPUT', `「${node.name}」子流程字段 ${field} 计算失败：${err instanceof Error ? err.message : String(err)}`, node.id);
    }
  }
  const workflowId = `${rt.caseId}.${node.id}.${rt.path.length}`;
  const input: CaseInput = {
    definition: def,
    title: `${rt.input.title} · ${node.name}`,
    org: rt.input.org,
    initiator: rt.input.initiator,
    data,
    parent: { caseId: rt.caseId, nodeId: node.id },
    subdefinitions: rt.input.subdefinitions,
    searchAttributes: rt.input.searchAttributes,
  };
  rt.record({ type: 'subprocess.started', actor: 'system', nodeId: node.id, detail: { childCaseId: workflowId, definitionKey: def.key } });
  // The child is a workflow named 'caseWorkflow' on the same task queue (by name: no import cycle).
  const result = await executeChild<(i: CaseInput) => Promise<CaseResult>>('caseWorkflow', {
    args: [input],
    workflowId,
    cancellationType: ChildWorkflowCancellationType.TRY_CANCEL,
  });
  for (const [parentField, childField] of Object.entries(node.output)) rt.data[parentField] = result.data[childField];
  const outcome = result.outcome ?? result.status;
  rt.nodeOutputs[node.id] = { childCaseId: workflowId, outcome, status: result.status };
  rt.record({ type: 'subprocess.ended', actor: 'system', nodeId: node.id, detail: { childCaseId: workflowId, outcome } });
  return { outcome };
}
