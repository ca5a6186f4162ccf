/**
 * Form data checks used by the complete-update validator: the pure module dsl/form-check.ts, which
 * the API and the web form run too (one rule, three places, one source).
 */
export { formIssues, formProblem, formSchema, missingRequired, missingRequiredKeys, issueLine, type FormIssue } from '../../dsl/form-check.js';
