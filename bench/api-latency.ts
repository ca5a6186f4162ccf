/**
 * Latency of the inbox list and of a task completion through the API, on the demo data.
 *   npx tsx bench/api-latency.ts [--n 40]
 * Starts a Temporal dev server and the API (worker in-process, PGlite in a temp dir) seeded with
 * the demo org, users and cases; then measures
 *   - GET /api/inbox?tab=todo for a village committee member (demo tasks + N fresh open cases) and
 *     for the 信访 office, N times each;
 *   - POST /api/tasks/:case/:task/complete on N fresh cases of a two-step procedure.
 */
import { startStack } from '../testkit/stack.js';
import { approvalDefinition } from '../testkit/api-fixtures.js';

const n = Number(process.argv[process.argv.indexOf('--n') + 1] || 40) || 40;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

async function main() {
  const t0 = performance.now();
  const stack = await startStack({ seedDemo: true, logLevel: 'error' });
  console.log(`stack with demo data ready in ${Math.round((performance.now() - t0) / 1000)} s at ${stack.url}`);
  const req = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(stack.url + path, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json = (await res.json().catch(() => undefined)) as any;
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const clerk = await stack.login('vil_comm_jingshan');
  const xf = await stack.login('xf_office');
  const designer = await stack.login('designer');

  const cases = await req(xf, 'GET', '/api/cases?pageSize=200');
  console.log(`demo cases visible to 信访办: ${cases.items.length}`);
  const def = approvalDefinition('bench-approval', '基准测试事项');
  def.roles = [{ key: 'VIL_COMM', name: '村委' }, { key: 'TWN_DEPT', name: '镇科办' }];
  await req(designer, 'PUT', '/api/definitions/bench-approval/draft', def);
  await req(designer, 'POST', '/api/definitions/bench-approval/publish', { changeNote: 'bench' });
  const started: string[] = [];
  for (let i = 0; i < n; i++) started.push((await req(clerk, 'POST', '/api/cases', { procedure: 'bench-approval', title: `基准 ${i}`, orgUnit: 'v-jingshan' })).caseId);
  // Wait until the clerk's inbox also holds the N fresh cases (their first task exists).
  for (let tries = 0; tries < 300; tries++) {
    const r = await req(clerk, 'GET', '/api/inbox?tab=todo');
    if (r.items.filter((i: { procedure: string }) => i.procedure === 'bench-approval').length >= n) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  for (const [who, cookie] of [['vil_comm_jingshan', clerk], ['xf_office', xf]] as const) {
    await req(cookie, 'GET', '/api/inbox?tab=todo');
    const times: number[] = [];
    let items = 0;
    for (let i = 0; i < n; i++) {
      const [ms, r] = await timed(() => req(cookie, 'GET', '/api/inbox?tab=todo'));
      times.push(ms);
      items = r.items.length;
    }
    console.log(`GET /api/inbox?tab=todo as ${who} (${items} items): p50 ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms (n=${n})`);
  }

  const taskOf = async (caseId: string) => {
    for (;;) {
      const s = await req(clerk, 'GET', `/api/cases/${caseId}`);
      const t = s.tasks.find((x: { status: string }) => x.status === 'open');
      if (t) return t.id as string;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const times: number[] = [];
  for (const caseId of started) {
    const taskId = await taskOf(caseId);
    const [ms] = await timed(() => req(clerk, 'POST', `/api/tasks/${caseId}/${taskId}/complete`, { action: 'approve', data: { summary: '基准' } }));
    times.push(ms);
  }
  console.log(`POST /api/tasks/:case/:task/complete: p50 ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms (n=${n})`);
  await stack.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
