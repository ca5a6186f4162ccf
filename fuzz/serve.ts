/**
 * Starts the system for an outside fuzzer (fuzz/schemathesis.sh): Temporal, the database, the API
 * with its worker; publishes a procedure so case routes have something real to act on; logs in an
 * administrator and writes `URL=…` and `COOKIE=…` to the file named by argv[2]. Runs until SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { singleTaskDefinition } from '../bench/fixtures.js';
import { villageId, villageUser } from '../bench/lib/directory.js';
import { publish, startBenchStack } from '../bench/lib/stack.js';
import { quietRuntime } from '../bench/lib/workers.js';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx fuzz/serve.ts <info-file>');
quietRuntime();
const stack = await startBenchStack({ villages: 3, logLevel: 'silent' });
const admin = await stack.login('badmin');
await publish(admin, singleTaskDefinition());
const clerk = await stack.login(villageUser(1));
await clerk.post('/api/cases', { procedure: 'bench-task', title: '模糊测试案件', orgUnit: villageId(1) });
writeFileSync(out, `URL=${stack.url}\nCOOKIE=${admin.cookie}\nMODE=${stack.mode}\n`);
console.log(`serving ${stack.url} (${stack.mode})`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.on('uncaughtException', (err) => {
  if (!stopping) console.error(err);
});
