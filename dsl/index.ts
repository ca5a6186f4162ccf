/** The DSL's public surface: schema, expressions, validation, migrations, JSON Schema. */
export * from './schema.js';
export * from './org.js';
export * from './roles.js';
export * from './directory.js';
export * from './expressions.js';
export { validateDefinition, ISSUE_CODES } from './validate.js';
export type { ValidationResult, ValidationIssue, IssueCode, IssueSeverity } from './validate.js';
export { migrateDefinition, schemaVersionOf, MIGRATIONS } from './migrations.js';
export { definitionJsonSchema } from './json-schema.js';
export { buildGraph, reachableFrom, reachingTo, canReach, stronglyConnectedComponents } from './graph.js';
export type { DefinitionGraph, IndexedEdge } from './graph.js';
export { possibleOutcomes, OUTCOME_LABEL } from './validate-routing.js';
export { thresholdCanHold, thresholdAtLeast, thresholdIsTrivial } from './validate-vote.js';
