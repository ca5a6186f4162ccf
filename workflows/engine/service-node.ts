/**
 * Service nodes: notify (a role in the case's org chain), notice (generate a document), setData
 * (CEL per field), callout (a registered integration), light (动态管理: the case light), cc (抄送).
 */
import { evaluateExpression, ExpressionBudgetError } from '../../dsl/expressions.js';
import type { NodeOf } from '../../dsl/schema.js';
import type { Health } from '../types.js';
import { patched } from '@temporalio/workflow';
import { effectsWithRetry } from './activities.js';
import { VILLAGE_WARNING_LIGHT } from './domain-patches.js';
import { grantsInChain } from './permissions.js';
import type { CaseRuntime } from './runtime.js';
import { EngineStop, type Step } from './step.js';
import { NOTICE_CONTEXT, notifyWords } from './notify-words.js';
import { noticeContext } from './notice-context.js';

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

export async function runServiceNode(rt: CaseRuntime, node: NodeOf<'service'>): Promise<Step> {
  const p = node.params;
  const acts = effectsWithRetry(node.retry?.maximumAttempts ?? 5);
  switch (node.action) {
    case 'notify': {
      const role = str(p.toRole);
      const users = Array.isArray(p.toUsers) ? p.toUsers.filter((u): u is string => typeof u === 'string') : [];
      await acts.notify({
        key: `${rt.caseId}:${node.id}:notify:${rt.path.length}`,
        kind: 'info',
        caseId: rt.caseId,
        userIds: p.toInitiator ? [...users, rt.input.initiator.userId] : users,
        grants: role ? grantsInChain(role, rt.input.org) : [],
        title: str(p.title, rt.input.title),
        message: str(p.message, node.name),
        ...notifyWords(rt).extra,
      });
      rt.record({ type: 'service.notified', actor: 'system', nodeId: node.id, detail: { toRole: role || undefined } });
      return {};
    }
    case 'notice': {
      const doc = await acts.generateNotice({
        caseId: rt.caseId,
        nodeId: node.id,
        template: str(p.template, 'generic'),
        title: str(p.title, node.name),
        data: rt.data,
        ...(patched(NOTICE_CONTEXT) ? { context: noticeContext(rt, node) } : {}),
      });
      rt.nodeOutputs[node.id] = { documentId: doc.documentId };
      if (typeof p.field === 'string') rt.data[p.field] = doc.documentId;
      rt.record({ type: 'service.notice', actor: 'system', nodeId: node.id, detail: { documentId: doc.documentId } });
      return {};
    }
    case 'setData': {
      const ctx = rt.exprContext();
      const values: Record<string, unknown> = {};
      for (const [field, expr] of Object.entries(p)) {
        if (typeof expr !== 'string') continue;
        try {
          values[field] = evaluateExpression(expr, ctx);
        } catch (err) {
          // Out of steps: the interpreter stops the case with an incident instead (engine/auto-budget.ts).
          if (err instanceof ExpressionBudgetError) throw err;
          throw new EngineStop('SET_DATA_FAILED', `「${node.name}」字段 ${field} 计算失败：${err instanceof Error ? err.message : String(err)}`, node.id);
        }
      }
      Object.assign(rt.data, values);
      rt.record({ type: 'service.setData', actor: 'system', nodeId: node.id, detail: { fields: Object.keys(values) } });
      return {};
    }
    case 'callout': {
      const payload = p.payload && typeof p.payload === 'object' ? (p.payload as Record<string, unknown>) : { data: rt.data };
      // `resultFields` {dataField: resultKey} copies the answer into case data (动态管理: the lapse counter).
      // Only such nodes send a key: older callout commands stay as they were recorded.
      const resultFields = p.resultFields && typeof p.resultFields === 'object' ? (p.resultFields as Record<string, unknown>) : undefined;
      const key = resultFields ? `${rt.caseId}:${node.id}:${rt.path.length}` : undefined;
      const result = await acts.callout({ caseId: rt.caseId, nodeId: node.id, name: str(p.name, node.id), payload, ...(key ? { key } : {}) });
      rt.nodeOutputs[node.id] = result;
      for (const [field, from] of Object.entries(resultFields ?? {})) if (typeof from === 'string') rt.data[field] = result[from] ?? null;
      rt.record({ type: 'service.callout', actor: 'system', nodeId: node.id, detail: { name: str(p.name, node.id) } });
      return {};
    }
    case 'light': {
      const level = str(p.level) as Health;
      if (level !== 'green' && level !== 'yellow' && level !== 'red') {
        throw new EngineStop('INVALID_LIGHT', `「${node.name}」亮灯级别无效：${String(p.level)}`, node.id);
      }
      const reason = str(p.reason, str(p.indicator, node.name));
      if (patched(VILLAGE_WARNING_LIGHT)) {
        // The village's light, not the case's deadline health: two lights (procedures.md §5.4).
        rt.warning = { level, reason };
        rt.changed();
      } else rt.light = level === 'green' ? undefined : { level, reason };
      rt.record({ type: 'service.light', actor: 'system', nodeId: node.id, detail: { level, reason } });
      return {};
    }
    case 'cc': {
      // 抄送: a copy of the case to the holders of a role in the case's org chain (and named users);
      // the case goes on at once.
      const role = str(p.toRole);
      const users = Array.isArray(p.toUsers) ? p.toUsers.filter((u): u is string => typeof u === 'string') : [];
      const note = str(p.note, `「${node.name}」：请知悉。`);
      await acts.notify({
        key: `${rt.caseId}:${node.id}:cc:${rt.path.length}`,
        kind: 'cc',
        caseId: rt.caseId,
        userIds: p.toInitiator ? [...users, rt.input.initiator.userId] : users,
        grants: role ? grantsInChain(role, rt.input.org) : [],
        title: `抄送：${rt.input.title}`,
        message: note,
        cc: { caseTitle: rt.input.title, procedure: rt.def.key, orgUnit: rt.input.org.unit, note },
        ...notifyWords(rt).extra,
      });
      rt.record({ type: 'service.cc', actor: 'system', nodeId: node.id, detail: { toRole: role || undefined, users: users.length } });
      return {};
    }
    default: {
      const never: never = node.action;
      throw new EngineStop('UNKNOWN_SERVICE', `未知的服务动作 ${String(never)}`, node.id);
    }
  }
}
