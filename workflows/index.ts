/** Workflow entry point of the worker bundle: only workflow functions are exported here. */
export { caseWorkflow } from './interpreter.js';
