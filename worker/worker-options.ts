import { fileURLToPath } from 'node:url';

/** Entry of the workflow bundle (the interpreter and everything it imports). */
export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
