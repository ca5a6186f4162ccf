/** Process memory from /proc (Linux): resident set size of a process and its children. */
import { readFileSync, readdirSync } from 'node:fs';

export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** RSS of a process tree (e.g. `npx tsx` → node). */
export function treeRssMiB(pid: number): number {
  let total = rssMiB(pid);
  for (const c of childrenOf(pid)) total += treeRssMiB(c);
  return total;
}

/** The deepest descendant, e.g. the real node process under `tsx`'s wrapper. */
export function leafPids(pid: number): number[] {
  const kids = childrenOf(pid);
  return kids.length ? kids.flatMap(leafPids) : [pid];
}
