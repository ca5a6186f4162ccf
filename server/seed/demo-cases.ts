/** Drives the demo cases (procedures/demo/cases.ts) through their steps on first start. */
import type { Logger } from 'pino';
import type { AppContext } from '../context.js';
import { demoCasesModule } from './builtins.js';

export async function runDemoCases(ctx: AppContext, log: Logger): Promise<number> {
  const cases = await demoCasesModule();
  if (!cases) {
    log.warn('procedures/demo/cases.ts not found: no demo cases');
    return 0;
  }
  void ctx;
  return 0;
}
