/**
 * Parameter overrides given when a case starts. A tenant may tune [SEED]/[DEFAULT] values per
 * case, but never below a statute: the overrides are checked by the same rules as a definition's
 * own defaults (min/max, types, statutory vote floors), by putting them in place of the defaults
 * and re-validating. Used by the API (422), the CLI and the interpreter (which refuses to start).
 */
import type { Definition } from './schema.js';
import { validateDefinition, type ValidationIssue } from './validate.js';

/** Issue codes that a parameter value, rather than the graph, can cause. */
const PARAM_CODES = new Set<string>([
  'PARAM_TYPE_MISMATCH',
  'PARAM_DEFAULT_OUT_OF_RANGE',
  'VOTE_BELOW_FLOOR',
  'VOTE_RULE_IMPOSSIBLE',
  'VOTE_QUORUM_IMPOSSIBLE',
  'DEADLINE_NOT_POSITIVE',
  'DEADLINE_ABOVE_CEILING',
  'DEADLINE_BELOW_FLOOR',
  'VOTE_MARGIN_SHORT',
]);

/** The parameter an issue is about: `params[i]…`, or a rule's `…param` property naming it. */
function paramKeyOf(def: Definition, path: (string | number)[]): string | undefined {
  if (path[0] === 'params' && typeof path[1] === 'number') return def.params[path[1]]?.key;
  let at: unknown = def;
  for (const step of path) at = at && typeof at === 'object' ? (at as Record<string | number, unknown>)[step] : undefined;
  return typeof at === 'string' && def.params.some((p) => p.key === at) ? at : undefined;
}

function issueKey(i: ValidationIssue): string {
  return `${i.code}|${i.path.join('.')}`;
}

export function checkCaseParams(def: Definition, overrides: Record<string, unknown> | undefined): ValidationIssue[] {
  if (!overrides || Object.keys(overrides).length === 0) return [];
  const issues: ValidationIssue[] = [];
  const known = new Map(def.params.map((p) => [p.key, p]));
  for (const key of Object.keys(overrides)) {
    if (!known.has(key)) {
      issues.push({
        code: 'UNKNOWN_PARAM',
        message: `流程「${def.title}」没有参数「${key}」`,
        path: ['params', key],
        field: key,
        severity: 'error',
      });
    }
  }
  // Problems the published definition already had are not the caller's doing: report only new ones.
  const before = new Set(validateDefinition(def).issues.map(issueKey));
  const tuned: Definition = {
    ...def,
    params: def.params.map((p) => (overrides[p.key] === undefined ? p : { ...p, default: overrides[p.key] as typeof p.default })),
  };
  for (const issue of validateDefinition(tuned).issues) {
    if (issue.severity !== 'error' || !PARAM_CODES.has(issue.code) || before.has(issueKey(issue))) continue;
    const key = paramKeyOf(def, issue.path);
    issues.push({
      ...issue,
      path: key ? ['params', key] : issue.path,
      field: key ?? issue.field,
      message: `本案参数不合法：${issue.message.replace(/默认值/g, '取值')}`,
    });
  }
  return issues;
}
