/**
 * Heap per cached case: a worker in this process (debugMode, so workflows run on the main thread
 * and `process.memoryUsage()` sees them) with an unlimited sticky cache, N cases of the one-task
 * benchmark definition started and held at their task; heap and RSS after full GC, before and
 * after. `--no-preload` builds the bundle without workflows/shared-modules.ts for comparison.
 *
 *   node --expose-gc --import tsx bench/cache-memory.ts [--cases 150] [--no-preload]
 */
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createActivities } from '../activities/index.js';
import { DefinitionSchema } from '../dsl/schema.js';
import { bundleInterpreter, workflowsPath } from '../temporal/worker-options.js';
import { singleTaskDefinition } from './fixtures.js';
import { startTemporalDevServer } from './lib/temporal-server.js';
import { quietRuntime } from './lib/workers.js';

const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--cases') + 1] || 150) || 150;
const preload = !args.includes('--no-preload');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

quietRuntime();
const server = await startTemporalDevServer({});
try {
  const bundle = preload ? await bundleInterpreter() : await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({ connection, taskQueue: 'cache-memory', workflowBundle: bundle, activities: createActivities({}), maxCachedWorkflows: 5000, debugMode: true });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  const definition = DefinitionSchema.parse(singleTaskDefinition());
  const heldAtTask = async (from: number, count: number) => {
    for (let i = from; i < from + count; i++) {
      await client.workflow.start('caseWorkflow', {
        taskQueue: 'cache-memory',
        workflowId: `cache-memory-${i}`,
        args: [{ definition, title: '内存', org: { unit: 'v', ancestors: ['t', 'c'], township: 't', county: 'c' }, initiator: { userId: 'u', grants: [] }, data: {}, searchAttributes: false }],
      });
    }
    while (worker.getStatus().numCachedWorkflows < from + count) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1000));
  };
  const measure = () => {
    gc();
    gc();
    return process.memoryUsage();
  };
  await worker.runUntil(async () => {
    await heldAtTask(0, 10);
    const before = measure();
    await heldAtTask(10, n);
    const after = measure();
    const kib = (bytes: number) => Math.round(bytes / n / 1024);
    console.log(`${preload ? 'shared modules (preloaded)' : 'no preload'}: ${n} cached cases — heap ${kib(after.heapUsed - before.heapUsed)} KiB and RSS ${kib(after.rss - before.rss)} KiB per case`);
  });
} finally {
  await server.stop();
}
