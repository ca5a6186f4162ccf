/**
 * validateDefinition: every problem of a process definition, each with the path to the node,
 * edge or field, in zh-CN. Pure (no I/O, no Node built-ins: the browser designer imports it) and
 * total: whatever the input, it returns issues and never throws.
 *
 * Order of work: migrate an older schemaVersion, parse with the zod schema (its issues become
 * SCHEMA_INVALID issues with their paths), then — on a parsed definition — the graph, routing and
 * reference checks of validate-graph.ts, validate-routing.ts, validate-refs.ts, validate-vote.ts.
 */
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { z } from 'zod';
import { migrateDefinition } from './migrations.js';
import { CURRENT_SCHEMA_VERSION, DefinitionSchema, NODE_KINDS, type Definition } from './schema.js';
import { IssueSink, type ValidationIssue } from './validate-issues.js';
import { checkGraph } from './validate-graph.js';
import { checkRouting } from './validate-routing.js';
import { checkDeclarations, checkNodeRefs } from './validate-refs.js';

export type { ValidationIssue, IssueCode, IssueSeverity } from './validate-issues.js';
export { ISSUE_CODES } from './validate-issues.js';

export interface ValidationResult {
  /** True when no issue has severity `error` (warnings allowed). */
  valid: boolean;
  /** The parsed definition (defaults applied) whenever it matched the schema, even if graph checks failed. */
  definition?: Definition;
  issues: ValidationIssue[];
}

const zhErrors = zhCN().localeError;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function rawItem(raw: unknown, list: 'nodes' | 'edges', index: unknown): Record<string, unknown> | undefined {
  if (!isObject(raw) || typeof index !== 'number') return undefined;
  const arr = raw[list];
  if (!Array.isArray(arr)) return undefined;
  const item: unknown = arr[index];
  return isObject(item) ? item : undefined;
}

function schemaIssue(raw: unknown, issue: z.core.$ZodIssue): ValidationIssue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const [top, idx] = path;
  const item = top === 'nodes' || top === 'edges' ? rawItem(raw, top, idx) : undefined;
  const id = typeof item?.id === 'string' ? item.id : undefined;
  const name = typeof item?.name === 'string' ? item.name : undefined;
  const rest = (item ? path.slice(2) : path).filter((p) => typeof p === 'string' || typeof p === 'number');
  const field = rest.length ? rest.join('.') : undefined;

  let where: string;
  if (top === 'nodes' && typeof idx === 'number') where = `第 ${idx + 1} 个节点${name ? `「${name}」` : ''}${id ? `(${id})` : ''}`;
  else if (top === 'edges' && typeof idx === 'number') where = `第 ${idx + 1} 条连线${id ? `「${id}」` : ''}`;
  else where = '流程定义';
  let detail = issue.message;
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator === 'kind') {
    const given = item?.kind;
    detail = given === undefined ? `缺少节点类型 kind，可选：${NODE_KINDS.join('、')}` : `未知的节点类型「${String(given)}」，可选：${NODE_KINDS.join('、')}`;
  }
  return {
    code: 'SCHEMA_INVALID',
    message: `${where}${field ? `的 ${field}` : ''}：${detail}`,
    path,
    ...(top === 'nodes' && id ? { nodeId: id } : {}),
    ...(top === 'edges' && id ? { edgeId: id } : {}),
    ...(field ? { field } : {}),
    severity: 'error',
  };
}

const KNOWN_KINDS = new Set<string>(NODE_KINDS);
const GATEWAYS = new Set(['exclusive', 'parallelSplit', 'parallelJoin']);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Only the shape of the graph (ids, kinds, gateway types, edge ends) of a definition that failed
 * the schema, for the structural checks. Undefined unless every node and edge has its ids, so
 * positions in the arrays stay those of the input. A node of unknown kind still counts as a
 * node, so its edges are not reported as dangling.
 */
function graphSkeleton(raw: unknown): Definition | undefined {
  if (!isObject(raw) || !Array.isArray(raw.nodes) || !Array.isArray(raw.edges)) return undefined;
  const nodes = raw.nodes.filter(isObject).filter((n) => str(n.id));
  const edges = raw.edges.filter(isObject).filter((e) => str(e.id) && str(e.from) && str(e.to));
  if (nodes.length === 0 || nodes.length !== raw.nodes.length || edges.length !== raw.edges.length) return undefined;
  return {
    key: 'skeleton',
    nodes: nodes.map((n) => {
      const kind = str(n.kind) && KNOWN_KINDS.has(n.kind) ? n.kind : 'service';
      const gateway = kind === 'gateway' ? (str(n.gateway) && GATEWAYS.has(n.gateway) ? n.gateway : 'exclusive') : undefined;
      return { id: n.id, name: str(n.name) ? n.name : n.id, kind, ...(gateway ? { gateway } : {}), ...(str(n.pairedWith) ? { pairedWith: n.pairedWith } : {}) };
    }),
    edges: edges.map((e) => ({ id: e.id, from: e.from, to: e.to, default: e.default === true })),
  } as unknown as Definition;
}

function finish(issues: ValidationIssue[], definition?: Definition): ValidationResult {
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const valid = !sorted.some((i) => i.severity === 'error');
  return { valid, ...(definition ? { definition } : {}), issues: sorted };
}

/** Every issue of `input` (a definition as authored or stored). Never throws. */
export function validateDefinition(input: unknown): ValidationResult {
  const issues: ValidationIssue[] = [];
  try {
    const { definition: raw, from, to } = migrateDefinition(input);
    if (from !== to) {
      issues.push({
        code: 'MIGRATED',
        message: `定义的格式版本 ${from} 已自动升级为 ${to}，保存后生效`,
        path: ['schemaVersion'],
        field: 'schemaVersion',
        severity: 'warning',
      });
    }
    const futureVersion = from > CURRENT_SCHEMA_VERSION;
    if (futureVersion) {
      issues.push({
        code: 'UNSUPPORTED_SCHEMA_VERSION',
        message: `定义的格式版本 ${from} 高于本系统支持的版本 ${CURRENT_SCHEMA_VERSION}，请升级系统后再导入`,
        path: ['schemaVersion'],
        field: 'schemaVersion',
        severity: 'error',
      });
    }

    const parsed = DefinitionSchema.safeParse(raw, { error: zhErrors });
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        if (futureVersion && zi.path.length === 1 && zi.path[0] === 'schemaVersion') continue;
        issues.push(schemaIssue(raw, zi));
      }
      // The designer wants the whole picture while one node is half-filled: check the graph's shape too.
      const shape = graphSkeleton(raw);
      if (shape) {
        const sink = new IssueSink(shape);
        checkGraph(sink);
        issues.push(...sink.issues);
      }
      return finish(issues);
    }

    const sink = new IssueSink(parsed.data);
    const g = checkGraph(sink);
    checkRouting(sink, g);
    checkDeclarations(sink);
    checkNodeRefs(sink, g);
    issues.push(...sink.issues);
    return finish(issues, parsed.data);
  } catch (err) {
    // A validator bug must not take the designer or the API down with it.
    issues.push({
      code: 'VALIDATOR_FAILED',
      message: `校验程序内部出错，请把该定义反馈给开发人员：${err instanceof Error ? err.message : String(err)}`,
      path: [],
      severity: 'error',
    });
    return finish(issues);
  }
}
