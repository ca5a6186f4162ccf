/** One way to print: JSON with --json, Chinese text otherwise; errors as `错误 [CODE]: message`. */
import type { CliError } from './errors.js';

export interface OutputOptions {
  json?: boolean;
}

export function print(opts: OutputOptions, json: unknown, human: () => string): void {
  if (opts.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${human()}\n`);
}

export function printError(opts: OutputOptions, err: CliError): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } }, null, 2)}\n`);
  }
  process.stderr.write(`错误 [${err.code}]: ${err.message}\n`);
}

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An ISO instant shown in Asia/Shanghai, e.g. 2026/11/29 24:00 → "2026/11/30 00:00". */
export function shDate(iso: string | undefined | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : shanghai.format(d);
}

/** ['nodes', 3, 'deadline'] → nodes[3].deadline */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(定义)';
}
