/**
 * Every check of validateDefinition against a fixture definition broken in exactly that way
 * (tests/fixtures/definitions/broken-*.json, warning-*.json): the issue comes back with its code,
 * severity and the path to the node, edge or field, and names the node by its 中文 name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, validateDefinition, type IssueCode } from '../../dsl/validate.js';

const DIR = new URL('../fixtures/definitions/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8'));

type Row = [file: string, code: IssueCode, path: (string | number)[], severity?: 'warning'];

const TABLE: Row[] = [
  ['broken-schema-node-kind', 'SCHEMA_INVALID', ["nodes",1,"kind"]],
  ['broken-schema-deadline', 'SCHEMA_INVALID', ["nodes",1,"deadline","duration","unit"]],
  ['broken-duplicate-node-id', 'DUPLICATE_NODE_ID', ["nodes",5,"id"]],
  ['broken-duplicate-edge-id', 'DUPLICATE_EDGE_ID', ["edges",7,"id"]],
  ['broken-dangling-edge', 'DANGLING_EDGE', ["edges",18,"to"]],
  ['broken-no-start', 'NO_START_NODE', ["nodes"]],
  ['broken-multiple-start', 'MULTIPLE_START_NODES', ["nodes",3]],
  ['broken-no-end', 'NO_END_NODE', ["nodes"]],
  ['broken-start-incoming', 'START_HAS_INCOMING', ["edges",3,"to"]],
  ['broken-end-outgoing', 'END_HAS_OUTGOING', ["edges",2,"from"]],
  ['broken-unreachable', 'UNREACHABLE_NODE', ["nodes",15]],
  ['broken-dead-end', 'NO_PATH_TO_END', ["nodes",12]],
  ['broken-cycle-no-exit', 'CYCLE_NO_EXIT', ["nodes",8]],
  ['broken-join-without-split', 'JOIN_WITHOUT_SPLIT', ["nodes",6]],
  ['broken-join-paired-wrong', 'JOIN_WITHOUT_SPLIT', ["nodes",6,"pairedWith"]],
  ['warning-split-not-rejoined', 'SPLIT_NOT_REJOINED', ["nodes",3], 'warning'],
  ['warning-split-single-branch', 'SPLIT_SINGLE_BRANCH', ["nodes",1], 'warning'],
  ['broken-exclusive-no-default', 'EXCLUSIVE_NO_DEFAULT', ["nodes",7]],
  ['broken-ambiguous-routing', 'AMBIGUOUS_ROUTING', ["edges",17,"outcome"]],
  ['broken-multiple-defaults', 'MULTIPLE_DEFAULTS', ["edges",10,"default"]],
  ['broken-unknown-outcome', 'UNKNOWN_OUTCOME', ["edges",11,"outcome"]],
  ['broken-outcome-not-routed', 'OUTCOME_NOT_ROUTED', ["nodes",8]],
  ['broken-task-action-not-routed', 'OUTCOME_NOT_ROUTED', ["nodes",2]],
  ['broken-no-default-route', 'NO_DEFAULT_ROUTE', ["nodes",12]],
  ['broken-unknown-role', 'UNKNOWN_ROLE', ["nodes",2,"assignment","role"]],
  ['broken-unknown-role-escalation', 'UNKNOWN_ROLE', ["nodes",11,"deadline","escalateToRole"]],
  ['broken-unknown-role-vote', 'UNKNOWN_ROLE', ["nodes",8,"vote","scrutineerRole"]],
  ['broken-unknown-role-objector', 'UNKNOWN_ROLE', ["nodes",10,"objectorRole"]],
  ['broken-unknown-field-form', 'UNKNOWN_FIELD', ["nodes",1,"form",4]],
  ['broken-unknown-field-summary', 'UNKNOWN_FIELD', ["summaryFields",2]],
  ['broken-unknown-field-result', 'UNKNOWN_FIELD', ["nodes",2,"vote","options","resultField"]],
  ['broken-unknown-field-setdata', 'UNKNOWN_FIELD', ["nodes",12,"params","status"]],
  ['broken-unknown-field-subprocess-output', 'UNKNOWN_FIELD', ["nodes",12,"output","filingNo"]],
  ['broken-required-not-in-form', 'REQUIRED_NOT_IN_FORM', ["nodes",11,"requiredFields",0]],
  ['broken-field-options-missing', 'FIELD_OPTIONS_MISSING', ["fields",2,"options"]],
  ['broken-field-columns-missing', 'FIELD_COLUMNS_MISSING', ["fields",4,"columns"]],
  ['broken-field-range', 'FIELD_RANGE_INVALID', ["fields",1,"min"]],
  ['broken-org-field-missing', 'ORG_FIELD_MISSING', ["nodes",5,"assignment","orgField"]],
  ['broken-duplicate-key', 'DUPLICATE_KEY', ["fields",5,"key"]],
  ['broken-expression-syntax', 'EXPRESSION_SYNTAX', ["edges",9,"condition"]],
  ['broken-expression-unknown-field', 'EXPRESSION_UNKNOWN_FIELD', ["edges",9,"condition"]],
  ['broken-expression-unknown-param', 'EXPRESSION_UNKNOWN_PARAM', ["edges",9,"condition"]],
  ['broken-expression-unknown-variable', 'EXPRESSION_UNKNOWN_VARIABLE', ["edges",9,"condition"]],
  ['broken-expression-assignment', 'EXPRESSION_UNKNOWN_FIELD', ["nodes",11,"assignment","expr"]],
  ['broken-return-target', 'INVALID_RETURN_TARGET', ["nodes",4,"returnTargets",0]],
  ['broken-return-target-missing', 'RETURN_TARGET_MISSING', ["nodes",11,"deadline","returnTo"]],
  ['broken-missing-deadline', 'MISSING_DEADLINE', ["nodes",4,"deadline"]],
  ['broken-vote-missing-deadline', 'MISSING_DEADLINE', ["nodes",8,"deadline"]],
  ['broken-unknown-param', 'UNKNOWN_PARAM', ["nodes",2,"deadline","duration","param"]],
  ['broken-vote-param-unknown', 'UNKNOWN_PARAM', ["nodes",8,"vote","pass","param"]],
  ['broken-param-type', 'PARAM_TYPE_MISMATCH', ["nodes",10,"period","param"]],
  ['broken-param-default-range', 'PARAM_DEFAULT_OUT_OF_RANGE', ["params",0,"default"]],
  ['warning-param-uncertain-no-note', 'PARAM_UNCERTAIN_NO_NOTE', ["params",1,"note"], 'warning'],
  ['broken-vote-pass-impossible', 'VOTE_RULE_IMPOSSIBLE', ["nodes",8,"vote","pass"]],
  ['broken-vote-pass-over-one', 'VOTE_RULE_IMPOSSIBLE', ["nodes",8,"vote","pass"]],
  ['broken-vote-quorum-impossible', 'VOTE_QUORUM_IMPOSSIBLE', ["nodes",8,"vote","quorum","rules",0]],
  ['broken-vote-below-floor', 'VOTE_BELOW_FLOOR', ["nodes",8,"vote","quorum","rules",0]],
  ['broken-vote-param-below-floor', 'VOTE_BELOW_FLOOR', ["nodes",8,"vote","pass","param"]],
  ['warning-vote-rule-trivial', 'VOTE_RULE_TRIVIAL', ["nodes",2,"vote","pass"], 'warning'],
  ['broken-vote-unknown-group', 'VOTE_UNKNOWN_GROUP', ["nodes",8,"vote","pass","group"]],
  ['broken-vote-no-candidates', 'VOTE_NO_CANDIDATES', ["nodes",2,"vote","options"]],
  ['broken-vote-seats-exceed', 'VOTE_SEATS_EXCEED_CANDIDATES', ["nodes",2,"vote","options","seats"]],
  ['broken-vote-max-picks', 'VOTE_MAX_PICKS_INVALID', ["nodes",2,"vote","options","maxPicks"]],
  ['broken-vote-max-picks-zero', 'SCHEMA_INVALID', ["nodes",2,"vote","options","maxPicks"]],
  ['broken-vote-weights', 'VOTE_WEIGHTS_NOT_ONE', ["nodes",2,"vote","groups"]],
  ['warning-vote-max-picks-exceed-seats', 'VOTE_MAX_PICKS_EXCEED_SEATS', ["nodes",2,"vote","options","maxPicks"], 'warning'],
  ['warning-subprocess-self', 'SUBPROCESS_SELF', ["nodes",12,"definitionKey"], 'warning'],
  ['broken-unsupported-schema-version', 'UNSUPPORTED_SCHEMA_VERSION', ["schemaVersion"]],
];

describe('validateDefinition: each broken fixture yields its issue at its path', () => {
  it.each(TABLE)('%s → %s', (file, code, path, severity = 'error') => {
    const raw = load(file) as { nodes?: { id: string; name: string }[] };
    const result = validateDefinition(raw);
    const hit = result.issues.find((i) => i.code === code && JSON.stringify(i.path) === JSON.stringify(path));
    expect(hit, JSON.stringify(result.issues, null, 1)).toBeDefined();
    expect(hit!.severity).toBe(severity);
    expect(result.valid).toBe(severity === 'warning');
    expect(hit!.message).toMatch(/[\u4e00-\u9fff]/);
    if (path[0] === 'nodes' && typeof path[1] === 'number') {
      const node = raw.nodes![path[1]]!;
      expect(hit!.nodeId).toBe(node.id);
      expect(hit!.message).toContain(node.name);
    }
    if (path[0] === 'edges' && typeof path[1] === 'number') expect(hit!.edgeId).toBeDefined();
  });

  it('every fixture file in the folder is in the table (no orphan fixture goes untested)', () => {
    const files = readdirSync(DIR).filter((f) => /^(broken|warning)-.*\.json$/.test(f)).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(TABLE.map((r) => r[0]).sort());
  });

  it('every issue code the validator knows has a fixture that produces it', () => {
    const covered = new Set<string>([...TABLE.map((r) => r[1]), 'MIGRATED']);
    const untestable = new Set(['VALIDATOR_FAILED']);
    const missing = Object.keys(ISSUE_CODES).filter((c) => !covered.has(c) && !untestable.has(c));
    expect(missing).toEqual([]);
  });
});

describe('validateDefinition: valid definitions', () => {
  it.each(['valid-minimal', 'valid-village-decision', 'valid-weighted-election'])('%s has no issue at all', (file) => {
    const result = validateDefinition(load(file));
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.definition?.key).toBeTruthy();
  });

  it('applies schema defaults in the returned definition (a task without actions gets 完成)', () => {
    const result = validateDefinition(load('valid-minimal'));
    const task = result.definition!.nodes.find((n) => n.id === 'handle');
    expect(task?.kind === 'task' && task.actions.map((a) => a.label)).toEqual(['完成']);
  });

  it('a 退回 loop is fine when a node of the loop has a way out (村两委商议 → 提议 → 商议)', () => {
    const result = validateDefinition(load('valid-village-decision'));
    expect(result.issues.filter((i) => i.code === 'CYCLE_NO_EXIT')).toEqual([]);
  });

  it('a pre-release draft (v0: node `type`, edge `source`/`target`) is migrated and valid, with a warning', () => {
    const result = validateDefinition(load('legacy-v0-draft'));
    expect(result.valid).toBe(true);
    expect(result.issues.map((i) => i.code)).toEqual(['MIGRATED']);
    expect(result.definition?.schemaVersion).toBe(1);
    expect(result.definition?.nodes.map((n) => n.kind)).toEqual(['start', 'task', 'end']);
  });
});
