/**
 * The shape of a validation issue and the catalogue of issue codes. Every code the validator can
 * emit is listed here once, so the designer, the CLI and the tests share one vocabulary.
 */
import type { Definition, Node } from './schema.js';

export type IssueSeverity = 'error' | 'warning';

export interface ValidationIssue {
  /** Stable code, e.g. `DANGLING_EDGE` (see ISSUE_CODES). */
  code: IssueCode;
  /** zh-CN, names the node by its 中文 name and says what to do. */
  message: string;
  /** Path into the definition, e.g. ['nodes', 3, 'deadline']. */
  path: (string | number)[];
  nodeId?: string;
  edgeId?: string;
  /** The node/edge/definition property concerned, e.g. `deadline`, `vote.pass`. */
  field?: string;
  severity: IssueSeverity;
}

/** Code → what it means (English, for logs and the README). */
export const ISSUE_CODES = {
  SCHEMA_INVALID: 'the definition does not match the schema (zod issue at the path)',
  MIGRATED: 'an older schemaVersion was migrated to the current one (warning)',
  UNSUPPORTED_SCHEMA_VERSION: 'schemaVersion newer than this engine understands',
  DUPLICATE_NODE_ID: 'two nodes share an id',
  DUPLICATE_EDGE_ID: 'two edges share an id',
  DUPLICATE_KEY: 'two roles, fields, parameters or task actions share a key',
  DANGLING_EDGE: 'an edge leaves or enters a node that does not exist',
  NO_START_NODE: 'the definition has no start node',
  MULTIPLE_START_NODES: 'more than one start node',
  NO_END_NODE: 'the definition has no end node',
  START_HAS_INCOMING: 'an edge enters the start node',
  END_HAS_OUTGOING: 'an edge leaves an end node',
  UNREACHABLE_NODE: 'no path from the start reaches the node',
  NO_PATH_TO_END: 'no path from the node reaches an end',
  CYCLE_NO_EXIT: 'a loop (strongly connected component) that no edge leaves',
  CYCLE_WITHOUT_WAIT: 'a loop made only of automatic nodes (no task, vote, publicity or timer): it would spin without end',
  JOIN_WITHOUT_SPLIT: 'a parallel join not closed by a parallel split whose branches all reach it',
  SPLIT_NOT_REJOINED: 'a parallel split whose branches never all meet at one join: the interpreter cannot run past it',
  SPLIT_SINGLE_BRANCH: 'a parallel split with fewer than two branches (warning)',
  EXCLUSIVE_NO_DEFAULT: 'an exclusive gateway without a default edge',
  AMBIGUOUS_ROUTING: 'several outgoing edges not told apart by gateway, outcome or condition',
  MULTIPLE_DEFAULTS: 'more than one default edge leaves a node',
  NO_DEFAULT_ROUTE: 'every outgoing edge has a condition and none is the default: the case may stall',
  UNKNOWN_OUTCOME: 'an edge routes an outcome its source node never produces',
  OUTCOME_NOT_ROUTED: 'an outcome the node can produce has no edge and there is no default',
  UNKNOWN_ROLE: 'a role not declared in `roles`',
  UNKNOWN_FIELD: 'a field not declared in `fields`',
  REQUIRED_NOT_IN_FORM: 'a required field that is not on the node form',
  FIELD_OPTIONS_MISSING: 'a select field without options',
  FIELD_COLUMNS_MISSING: 'a table field without columns',
  FIELD_RANGE_INVALID: 'a field whose min is above its max',
  ORG_FIELD_MISSING: 'an assignment with scope `field` and no orgField',
  SUBJECT_FIELD_NOT_PERSON: 'subjectField names a field that is not of type person',
  EXPRESSION_SYNTAX: 'a CEL expression that does not parse',
  EXPRESSION_UNKNOWN_FIELD: 'an expression reads data.X for an undeclared field',
  EXPRESSION_UNKNOWN_PARAM: 'an expression reads params.X for an undeclared parameter',
  EXPRESSION_UNKNOWN_VARIABLE: 'an expression uses a root variable other than data, params, outcome, initiator',
  EXPRESSION_TOO_COMPLEX: 'an expression over the size, depth or comprehension-nesting limits (dsl/expressions.ts EXPRESSION_LIMITS)',
  INVALID_RETURN_TARGET: 'a 退回 target that is not an earlier node of this one',
  SIGNER_OP_WITHOUT_COUNTERSIGN: '加签/减签 allowed on a node that is not a countersign (会签/或签/依次/票签) task: never offered (warning)',
  RETURN_TARGET_MISSING: 'timeoutAction autoReturn without returnTo',
  MISSING_DEADLINE: 'a human node (task/vote) without a deadline',
  DEADLINE_NOT_POSITIVE: 'a deadline or cap of 0 (the task would be overdue as it opens)',
  DEADLINE_ABOVE_CEILING: 'a deadline longer than its statutory ceiling `max` (a [STAT] period may be shortened, never lengthened)',
  DEADLINE_BELOW_FLOOR: 'a deadline shorter than its statutory floor `min` (e.g. a petitioner\'s request window)',
  ESCALATION_ROLE_MISSING: 'timeout action 督办 (escalate) without escalateToRole',
  ANCHOR_UNKNOWN_NODE: 'a clock anchor, cap anchor or extensionOf names a node that does not exist',
  NOTICE_UNKNOWN_REF: "a notice's dueOf/dates names a node that does not exist (or has no deadline / is not a step someone completes), or a data key neither the template nor the fields have",
  ANCHOR_NOT_BEFORE: 'a clock anchor or extended node that does not happen before the node on every path',
  ANCHOR_FIELD_NOT_DATE: 'a field clock anchor whose field is not a date',
  ANCHOR_FIELD_MAY_BE_EMPTY: 'a field clock anchor no earlier node requires (falls back to the task opening when empty; warning)',
  EXTENSION_INVALID: 'extensionOf names a node without a deadline, a non-human approval node, or the node itself',
  UNKNOWN_PARAM: 'Duration.param or VoteRule.param names an undeclared parameter',
  PARAM_TYPE_MISMATCH: 'a parameter of the wrong type for where it is used',
  PARAM_DEFAULT_OUT_OF_RANGE: 'a parameter default outside its min/max',
  PARAM_UNCERTAIN_NO_NOTE: 'an [UNCERTAIN] parameter without a note (warning)',
  VOTE_RULE_IMPOSSIBLE: 'a pass rule no count can ever satisfy',
  VOTE_QUORUM_IMPOSSIBLE: 'a quorum no attendance can ever meet',
  VOTE_RULE_TRIVIAL: 'a rule every count satisfies (warning)',
  VOTE_BELOW_FLOOR: 'a rule looser than its statutory floor',
  VOTE_UNKNOWN_GROUP: 'a rule reads a voter group not declared on the vote',
  VOTE_NO_CANDIDATES: 'a candidate vote with neither a candidates field nor fixed candidates',
  VOTE_SEATS_EXCEED_CANDIDATES: 'more seats (or top-N) than fixed candidates',
  VOTE_MAX_PICKS_INVALID: 'maxPicks below 1 or above the number of candidates',
  VOTE_MAX_PICKS_EXCEED_SEATS: 'a ballot may name more candidates than seats (warning, §3.3)',
  VOTE_WEIGHTS_NOT_ONE: 'weighted mode: group weights + trust weight do not sum to 1',
  VOTE_MARGIN_SHORT: 'a 差额 election whose fixed (or upstream-elected) candidates are too few for its seats',
  SUBPROCESS_SELF: 'a subprocess that starts its own definition (warning)',
  VALIDATOR_FAILED: 'the validator itself failed (a bug); reported instead of throwing',
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;

/** 「名称」(id) — how messages name a node. */
export function nodeLabel(node: Pick<Node, 'id' | 'name'> | undefined, fallbackId?: string): string {
  if (!node) return `「${fallbackId ?? '?'}」`;
  return node.name && node.name !== node.id ? `「${node.name}」(${node.id})` : `「${node.id}」`;
}

export const KIND_LABEL: Record<Node['kind'], string> = {
  start: '开始节点',
  end: '结束节点',
  task: '任务',
  vote: '表决',
  publicity: '公示',
  timer: '定时器',
  gateway: '网关',
  service: '自动环节',
  subprocess: '子流程',
};

/** Collects issues; knows where each node and edge sits in the arrays. */
export class IssueSink {
  readonly issues: ValidationIssue[] = [];
  readonly nodeIndex = new Map<string, number>();
  readonly edgeIndex = new Map<string, number>();

  constructor(readonly def: Definition) {
    def.nodes.forEach((n, i) => {
      if (!this.nodeIndex.has(n.id)) this.nodeIndex.set(n.id, i);
    });
    def.edges.forEach((e, i) => {
      if (!this.edgeIndex.has(e.id)) this.edgeIndex.set(e.id, i);
    });
  }

  add(issue: Omit<ValidationIssue, 'severity'> & { severity?: IssueSeverity }): void {
    this.issues.push({ severity: 'error', ...issue });
  }

  /** An issue on node `index` (its position in `nodes`), optionally on one of its properties. */
  node(
    index: number,
    code: IssueCode,
    message: string,
    opts: { field?: string; sub?: (string | number)[]; severity?: IssueSeverity } = {},
  ): void {
    const node = this.def.nodes[index];
    const sub = opts.sub ?? (opts.field ? opts.field.split('.') : []);
    this.add({
      code,
      message,
      path: ['nodes', index, ...sub],
      nodeId: node?.id,
      ...(opts.field ? { field: opts.field } : {}),
      ...(opts.severity ? { severity: opts.severity } : {}),
    });
  }

  edge(index: number, code: IssueCode, message: string, opts: { field?: string; severity?: IssueSeverity } = {}): void {
    const edge = this.def.edges[index];
    this.add({
      code,
      message,
      path: ['edges', index, ...(opts.field ? [opts.field] : [])],
      edgeId: edge?.id,
      ...(opts.field ? { field: opts.field } : {}),
      ...(opts.severity ? { severity: opts.severity } : {}),
    });
  }

  label(nodeId: string): string {
    const i = this.nodeIndex.get(nodeId);
    return nodeLabel(i === undefined ? undefined : this.def.nodes[i], nodeId);
  }
}
