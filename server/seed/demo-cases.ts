/**
 * Drives the demo cases (procedures/demo/cases.ts) through their steps on first start, with the
 * procedures' own runner, then records their completed tasks as 已办 of the users who did them.
 */
import type { Logger } from 'pino';
import type { AppContext } from '../context.js';
import { TASK_QUEUE } from '../../workflows/search-attributes.js';
import type { Definition } from '../../dsl/schema.js';
import * as store from '../definitions/store.js';
import { demoCasesModule } from './builtins.js';
import { scheduleIdOf } from '../cadences/cadences.js';
import { pathToFileURL, fileURLToPath } from 'node:url';

interface DemoRunner {
  runDemoCase(c: unknown, opts: unknown): Promise<{ caseId: string; stepsDone: number; error?: string; state?: import('../../workflows/types.js').CaseState }>;
}
interface DemoDir {
  loadDemoDirectory(): unknown;
}

const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

export async function runDemoCases(ctx: AppContext, log: Logger): Promise<number> {
  const cases = (await demoCasesModule()) as { id: string; procedure: string; title: string }[] | undefined;
  if (!cases) {
    log.warn('procedures/demo/cases.ts not found: no demo cases');
    return 0;
  }
  const base = fileURLToPath(new URL('../../procedures/demo/', import.meta.url));
  const runner = (await import(pathToFileURL(base + 'run-demo.ts').href)) as DemoRunner;
  const dir = (await import(pathToFileURL(base + 'directory.ts').href)) as DemoDir;
  const directory = dir.loadDemoDirectory();
  const day = dayOf(new Date());
  let ok = 0;
  // A few at a time: fast start-up without flooding a small machine.
  const queue = [...cases];
  const work = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const demo = c;
      const result = await runner.runDemoCase(demo, {
        client: ctx.temporal.client.workflow,
        taskQueue: TASK_QUEUE,
        directory,
        definitionOf: async (key: string): Promise<Definition> => {
          const def = await store.getPublished(ctx.db, key);
          if (!def) throw new Error(`流程 ${key} 尚未发布`);
          return def;
        },
        workflowId: () => `${demo.procedure}-${day}-demo-${demo.id}`.slice(0, 200),
        stepTimeoutMs: 30_000,
      });
      if (result.error) log.warn({ case: demo.id, error: result.error }, 'demo case stopped early');
      else ok += 1;
      const s = result.state;
      if (!s) continue;
      for (const t of s.tasks) {
        if (!t.completedBy || t.status !== 'done') continue;
        await ctx.db.query(
          `INSERT INTO task_history(user_id, case_id, task_id, operation, case_title, procedure, node_id, node_name, kind, org_unit, at, task_created_at)
           VALUES ($1, $2, $3, 'complete', $4, $5, $6, $7, $8, $9, $10, $11)`,
          [t.completedBy, s.caseId, t.id, s.title, s.definitionKey, t.nodeId, t.nodeName, t.kind, s.org.unit, t.completedAt ?? new Date().toISOString(), t.createdAt],
        );
      }
    }
  };
  await Promise.all([work(), work(), work()]);
  log.info({ ok, total: cases.length }, 'demo cases driven through their steps');
  // 法定频次: this quarter's 村民代表会议 of 径山村 started now, so the cadence panel shows one in progress.
  await ctx.temporal.client.schedule
    .getHandle(scheduleIdOf('reps-quarterly', 'v-jingshan'))
    .trigger()
    .catch((err: unknown) => log.warn({ err }, 'demo cadence not started'));
  return ok;
}
