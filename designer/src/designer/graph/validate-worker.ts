/**
 * The validator in a Web Worker: checking a 300-node definition (zod parse, graph and CEL checks)
 * takes a few hundred milliseconds, which on the page would stall drawing and clicks right after
 * a definition opens and after every edit.
 */
import '../../lib/strict-csp.js';
import { validateDefinition } from '../../../../dsl/validate.js';
import type { ValidateRequest, ValidateResponse } from './validate-client.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ValidateRequest>) => void) | null; postMessage: (m: ValidateResponse) => void };

scope.onmessage = (e) => {
  const { id, definition } = e.data;
  const { issues } = validateDefinition(definition);
  scope.postMessage({ id, issues });
};
