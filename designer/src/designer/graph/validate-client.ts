/**
 * Live validation off the page's thread (validate-worker.ts). Where no worker can start, the
 * validator is loaded and run on the page instead, so issues always appear.
 */
import type { ValidationIssue } from '../../../../dsl/validate-issues.js';

export interface ValidateRequest {
  id: number;
  definition: unknown;
}

export interface ValidateResponse {
  id: number;
  issues: ValidationIssue[];
}

let worker: Worker | undefined;
let workerBroken = typeof Worker === 'undefined';
let nextId = 0;
const pending = new Map<number, { definition: unknown; resolve: (issues: ValidationIssue[]) => void }>();

async function onPage(definition: unknown): Promise<ValidationIssue[]> {
  const { validateDefinition } = await import('../../../../dsl/validate.js');
  return validateDefinition(definition).issues;
}

function startWorker(): Worker {
  const w = new Worker(new URL('./validate-worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<ValidateResponse>) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    p?.resolve(e.data.issues);
  };
  w.onerror = () => {
    // The worker could not load or crashed: answer what it still owed from the page.
    workerBroken = true;
    worker = undefined;
    w.terminate();
    for (const [id, p] of pending) {
      pending.delete(id);
      void onPage(p.definition).then(p.resolve);
    }
  };
  return w;
}

/** The validation issues of `definition`, computed in a worker. */
export function validateOffThread(definition: unknown): Promise<ValidationIssue[]> {
  if (workerBroken) return onPage(definition);
  worker ??= startWorker();
  const id = ++nextId;
  return new Promise((resolve) => {
    pending.set(id, { definition, resolve });
    worker!.postMessage({ id, definition } satisfies ValidateRequest);
  });
}
