/**
 * Bad input against the running API (real Temporal server, real database):
 *   1. fuzzed definitions (the generators of fuzz/definitions.ts) saved as drafts, validated,
 *      published and imported: never a 5xx; the API's `valid` agrees with validateDefinition; a
 *      definition with errors is never published, so the engine never starts it (POST /api/cases
 *      for it answers 404 — only published versions start);
 *   2. oversized bodies (over the 1 MB limit) → 413 with {code, message}; malformed JSON → 400;
 *      oversized payloads inside the limit (case data, form data of a task) → 413/422, never 5xx;
 *   3. garbage in every case/task route body → 4xx with the one error body.
 *
 *   npx tsx fuzz/api.ts [--runs 200] [--seed 1]      (npm run fuzz runs it; --quick = 25 runs)
 */
import fc from 'fast-check';
import { validateDefinition } from '../dsl/validate.js';
import { singleTaskDefinition } from '../bench/fixtures.js';
import type { ApiClient, Res } from '../bench/lib/api-client.js';
import { villageId, villageUser } from '../bench/lib/directory.js';
import { publish, startBenchStack } from '../bench/lib/stack.js';
import { quietRuntime } from '../bench/lib/workers.js';
import { garbage, mutatedDefinition, randomGraphDefinition, wellTypedGraph } from './definitions.js';

/** JSON can't carry undefined/BigInt/Map…: send what JSON.stringify makes of it, as a client would. */
function asJsonBody(input: unknown): string {
  try {
    return JSON.stringify(input) ?? 'null';
  } catch {
    return '{"nodes":"[unserialisable]"}';
  }
}

interface Finding {
  kind: 'violation' | 'warning';
  what: string;
}

function args() {
  const a = process.argv.slice(2);
  const get = (k: string) => {
    const i = a.indexOf(`--${k}`);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const quick = a.includes('--quick');
  return { runs: Number(get('runs') ?? (quick ? 25 : 200)), seed: Number(get('seed') ?? Date.now() % 2 ** 31) };
}

const isErrorBody = (b: unknown): boolean => !!b && typeof b === 'object' && typeof (b as { code?: unknown }).code === 'string' && typeof (b as { message?: unknown }).message === 'string';

async function rawPost(base: string, cookie: string | undefined, path: string, body: string, contentType = 'application/json'): Promise<Res> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, ms: 0 };
}

async function main(): Promise<void> {
  const opt = args();
  quietRuntime();
  const findings: Finding[] = [];
  const bad = (what: string) => findings.push({ kind: 'violation', what });
  const warn = (what: string) => findings.push({ kind: 'warning', what });
  const counts: Record<string, number> = {};
  const count = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  const stack = await startBenchStack({ villages: 2, logLevel: 'silent' });
  console.log(`API fuzz: ${opt.runs} definitions per generator, seed ${opt.seed}; stack ${stack.mode} at ${stack.url}`);
  try {
    const admin = await stack.login('badmin');
    const clerk = await stack.login(villageUser(1));

    // ── 1. fuzzed definitions through the designer routes
    const generators: [string, fc.Arbitrary<unknown>][] = [
      ['garbage', garbage],
      ['random-graph', randomGraphDefinition],
      ['typed-graph', wellTypedGraph],
      ['mutated-seed', mutatedDefinition],
    ];
    let n = 0;
    for (const [name, arb] of generators) {
      const samples = fc.sample(arb, { numRuns: opt.runs, seed: opt.seed });
      for (const input of samples) {
        n++;
        const key = `fz${n}`;
        const body = asJsonBody(input);
        const local = (() => {
          try {
            return validateDefinition(JSON.parse(body));
          } catch {
            return undefined;
          }
        })();
        const v = await rawPost(stack.url, admin.cookie, '/api/definitions/validate', body);
        count(`validate ${v.status}`);
        if (v.status >= 500) bad(`${name}: POST /api/definitions/validate answered ${v.status}: ${JSON.stringify(v.body).slice(0, 200)}`);
        else if (v.status === 200 && local && (v.body as { valid: boolean }).valid !== local.valid) bad(`${name}: API says valid=${(v.body as { valid: boolean }).valid}, validateDefinition says ${local.valid}`);
        else if (v.status !== 200 && !isErrorBody(v.body)) bad(`${name}: validate ${v.status} without the error body`);

        const put = await admin.call('PUT', `/api/definitions/${key}/draft`, JSON.parse(body));
        count(`draft ${put.status}`);
        if (put.status >= 500) {
          bad(`${name}: PUT draft answered ${put.status}: ${JSON.stringify(put.body).slice(0, 200)}`);
          continue;
        }
        if (put.status !== 200) {
          if (!isErrorBody(put.body)) bad(`${name}: draft ${put.status} without the error body`);
          continue;
        }
        const pub = await admin.post(`/api/definitions/${key}/publish`, { changeNote: '模糊测试' });
        count(`publish ${pub.status}`);
        if (pub.status >= 500) bad(`${name}: publish answered ${pub.status}: ${JSON.stringify(pub.body).slice(0, 200)}`);
        const wasValid = local?.valid === true;
        if (pub.status === 200 && !wasValid) bad(`${name}: a definition with errors was published as ${key}`);
        if (pub.status !== 200) {
          if (wasValid && pub.status !== 422) warn(`${name}: a valid definition could not be published: ${pub.status} ${JSON.stringify(pub.body).slice(0, 200)}`);
          // The engine never starts what was not published.
          const start = await clerk.post('/api/cases', { procedure: key, title: '不应启动', orgUnit: villageId(1) });
          count(`start-unpublished ${start.status}`);
          if (start.status === 201) bad(`${name}: a case was started from the unpublished, invalid ${key}`);
          if (start.status >= 500) bad(`${name}: starting an unpublished procedure answered ${start.status}`);
        }
      }
      // Import of the same inputs: never a 5xx.
      for (const input of samples.slice(0, Math.max(5, Math.floor(opt.runs / 5)))) {
        const r = await rawPost(stack.url, admin.cookie, '/api/definitions/import', asJsonBody(input));
        count(`import ${r.status}`);
        if (r.status >= 500) bad(`${name}: import answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
      }
      console.log(`  ${name}: ${samples.length} definitions sent`);
    }

    // ── 2. oversized bodies and payloads
    const big = (bytes: number) => 'x'.repeat(bytes);
    const tooBig = await rawPost(stack.url, admin.cookie, '/api/definitions/validate', JSON.stringify({ key: 'huge', title: big(2 * 1024 * 1024) }));
    if (tooBig.status !== 413 || !isErrorBody(tooBig.body)) bad(`a 2 MB body answered ${tooBig.status} ${JSON.stringify(tooBig.body).slice(0, 200)} (expected 413 with {code, message})`);
    else console.log(`  2 MB body → 413 ${(tooBig.body as { code: string }).code}: ${(tooBig.body as { message: string }).message}`);
    const malformed = await rawPost(stack.url, admin.cookie, '/api/definitions/validate', '{"key": "x", ');
    if (malformed.status !== 400 || !isErrorBody(malformed.body)) bad(`malformed JSON answered ${malformed.status} (expected 400 with {code, message})`);
    const wrongType = await rawPost(stack.url, admin.cookie, '/api/cases', 'procedure=x', 'application/x-www-form-urlencoded');
    if (wrongType.status < 400 || wrongType.status >= 500) bad(`a form-encoded body answered ${wrongType.status}`);
    const deep = await rawPost(stack.url, admin.cookie, '/api/definitions/validate', '['.repeat(100_000) + ']'.repeat(100_000));
    if (deep.status >= 500) bad(`JSON nested 100,000 deep answered ${deep.status}`);

    await publish(admin, singleTaskDefinition('fz-task'));
    // A case whose data is 900 KB: under the body limit, far over what a case should carry.
    const bigCase = await clerk.post('/api/cases', { procedure: 'fz-task', title: '超大数据', orgUnit: villageId(1), data: { opinion: big(900 * 1024) } });
    if (bigCase.status >= 500) bad(`900 KB of case data answered ${bigCase.status}`);
    else if (bigCase.status === 201) warn('900 KB of case data was accepted (201): every update then carries it in history; a data size limit (413/422) would protect the 50 MB history limit');
    else console.log(`  900 KB case data → ${bigCase.status} ${(bigCase.body as { code?: string }).code}`);
    const normal = await clerk.post<{ caseId: string }>('/api/cases', { procedure: 'fz-task', title: '正常', orgUnit: villageId(1) });
    if (normal.status === 201) {
      let taskId: string | undefined;
      for (let i = 0; i < 200 && !taskId; i++) {
        const d = await clerk.get<{ tasks: { id: string; status: string }[] }>(`/api/cases/${normal.body.caseId}`);
        taskId = d.body.tasks?.find((t) => t.status === 'open')?.id;
        if (!taskId) await new Promise((r) => setTimeout(r, 100));
      }
      if (taskId) {
        const bigForm = await clerk.post(`/api/tasks/${normal.body.caseId}/${taskId}/complete`, { data: { opinion: big(900 * 1024) } });
        if (bigForm.status >= 500) bad(`900 KB of form data on complete answered ${bigForm.status}`);
        else if (bigForm.status === 200) warn('900 KB of form data on a task completion was accepted (200)');
        else console.log(`  900 KB form data → ${bigForm.status} ${(bigForm.body as { code?: string }).code}`);
        // ── 3. garbage in task and case routes
        for (const g of fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: Math.min(opt.runs, 60), seed: opt.seed })) {
          for (const path of [`/api/tasks/${normal.body.caseId}/${taskId}/complete`, `/api/tasks/${normal.body.caseId}/${taskId}/return`, `/api/cases/${normal.body.caseId}/extend`, '/api/cases']) {
            const r = await rawPost(stack.url, clerk.cookie, path, JSON.stringify(g));
            count(`garbage ${r.status}`);
            if (r.status >= 500) bad(`garbage ${JSON.stringify(g).slice(0, 80)} to ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
            else if (r.status >= 400 && !isErrorBody(r.body)) bad(`${path} answered ${r.status} without {code, message}`);
          }
        }
      }
    }
  } finally {
    await stack.close();
  }
  console.log(`  responses: ${Object.entries(counts).sort().map(([k, v]) => `${k}×${v}`).join('  ')}`);
  const violations = findings.filter((f) => f.kind === 'violation');
  for (const f of findings.filter((x) => x.kind === 'warning')) console.log(`  warning: ${f.what}`);
  if (violations.length) {
    console.log(`\n${violations.length} VIOLATIONS:`);
    for (const v of violations.slice(0, 40)) console.log(`  - ${v.what}`);
    process.exit(1);
  }
  console.log('API fuzz ok: no 5xx, invalid definitions never published or started, oversized bodies refused');
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
