/** Percentiles, tables and result files for the benchmarks. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../temporal/temporal-binary.js';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), mean: s.length ? sum / s.length : Number.NaN, max: s[s.length - 1] ?? Number.NaN };
}

export const round = (v: number, digits = 1): number => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : v);

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

export interface Row {
  metric: string;
  value: string;
  target?: string;
  met?: boolean | null;
  note?: string;
}

export function printTable(title: string, rows: readonly Row[]): void {
  const w0 = Math.max(6, ...rows.map((r) => r.metric.length));
  const w1 = Math.max(5, ...rows.map((r) => r.value.length));
  const w2 = Math.max(6, ...rows.map((r) => (r.target ?? '').length));
  const line = `${'-'.repeat(w0 + 2)}+${'-'.repeat(w1 + 2)}+${'-'.repeat(w2 + 2)}+------`;
  console.log(`\n${title}`);
  console.log(` ${'metric'.padEnd(w0)} | ${'value'.padEnd(w1)} | ${'target'.padEnd(w2)} | met`);
  console.log(line);
  for (const r of rows) {
    const met = r.met === undefined || r.met === null ? '' : r.met ? 'yes' : 'NO';
    console.log(` ${r.metric.padEnd(w0)} | ${r.value.padEnd(w1)} | ${(r.target ?? '').padEnd(w2)} | ${met}${r.note ? `  (${r.note})` : ''}`);
  }
}

/** What the machine looked like during the run: benchmark figures mean little without it. */
export function machineInfo(): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memGiB: round(totalmem() / 2 ** 30, 1),
    loadavg: loadavg().map((l) => round(l, 2)),
    node: process.version,
  };
}

export function writeResult(name: string, data: unknown): string {
  const dir = join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), machine: machineInfo(), ...(data as object) }, null, 2) + '\n');
  return file;
}
