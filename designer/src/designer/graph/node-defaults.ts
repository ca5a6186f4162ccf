/** A fresh node of each palette entry, complete with the schema's defaults. */
import type { Node as DslNode, NodeKind } from '../../../../dsl/schema.js';

export type GatewayType = 'exclusive' | 'parallelSplit' | 'parallelJoin';

export interface PaletteEntry {
  kind: NodeKind;
  gateway?: GatewayType;
  /** Palette caption, zh / en. */
  zh: string;
  en: string;
}

export const PALETTE: readonly PaletteEntry[] = [
  { kind: 'start', zh: '开始', en: 'Start' },
  { kind: 'end', zh: '结束', en: 'End' },
  { kind: 'task', zh: '任务', en: 'Task' },
  { kind: 'vote', zh: '表决', en: 'Vote' },
  { kind: 'publicity', zh: '公示', en: 'Publicity' },
  { kind: 'timer', zh: '定时', en: 'Timer' },
  { kind: 'gateway', gateway: 'exclusive', zh: '网关（排他）', en: 'Gateway (exclusive)' },
  { kind: 'gateway', gateway: 'parallelSplit', zh: '网关（并行分支）', en: 'Gateway (split)' },
  { kind: 'gateway', gateway: 'parallelJoin', zh: '网关（并行汇聚）', en: 'Gateway (join)' },
  { kind: 'service', zh: '服务', en: 'Service' },
  { kind: 'subprocess', zh: '子流程', en: 'Subprocess' },
];

export function paletteKey(e: Pick<PaletteEntry, 'kind' | 'gateway'>): string {
  return e.gateway ? `${e.kind}:${e.gateway}` : e.kind;
}

const human = {
  assignment: { type: 'initiator' as const },
  form: [] as string[],
  requiredFields: [] as string[],
  operations: ['comment', 'urge'] as ('comment' | 'urge')[],
  returnTargets: [] as string[],
};

export function createNode(kind: NodeKind, id: string, name: string, gateway: GatewayType = 'exclusive'): DslNode {
  switch (kind) {
    case 'start':
      return { id, name, kind };
    case 'end':
      return { id, name, kind, outcome: 'done' };
    case 'task':
      return {
        id,
        name,
        kind,
        ...human,
        actions: [{ name: 'complete', label: '完成', approve: true, requireComment: false }],
        countersign: { mode: 'single' },
      };
    case 'vote':
      return {
        id,
        name,
        kind,
        ...human,
        vote: {
          mode: 'tally',
          secret: true,
          options: { type: 'yesNo' },
          groups: [],
          pass: { base: 'present', op: '>', num: 1, den: 2 },
          weighted: false,
          writtenOpinions: false,
          maxRevotes: 1,
        },
      };
    case 'publicity':
      return { id, name, kind, ...human, period: { amount: 5, unit: 'workingDays' } };
    case 'timer':
      return { id, name, kind, duration: { amount: 1, unit: 'calendarDays' } };
    case 'gateway':
      return { id, name, kind, gateway };
    case 'service':
      return { id, name, kind, action: 'notify', params: { message: name } };
    case 'subprocess':
      return { id, name, kind, definitionKey: 'sub', input: {}, output: {} };
    default: {
      const never: never = kind;
      throw new Error(`unknown node kind ${String(never)}`);
    }
  }
}
