/**
 * The org tree and users of the benchmarks and the soak: one county, one township, `villages`
 * villages; per village one 村委 user (VIL_COMM) who starts and handles that village's cases; the
 * township secretary (TWN_SEC, monitor); an administrator who publishes the definitions.
 */
import type { DirectorySeed } from '../../server/seed/directory.js';
import { DEFAULT_DEMO_PASSWORD } from '../../server/main.js';

/** startServer seeds every directory user with this password. */
export const BENCH_PASSWORD = process.env.JICENG_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;

export const villageId = (i: number) => `bv${String(i).padStart(3, '0')}`;
export const villageUser = (i: number) => `vc-${villageId(i)}`;

export function benchDirectory(villages = 20): DirectorySeed {
  const units: DirectorySeed['units'] = [
    { id: 'bcounty', name: '基准县', level: 'county', parentId: null },
    { id: 'btown', name: '基准镇', level: 'township', parentId: 'bcounty' },
  ];
  const users: DirectorySeed['users'] = [
    { id: 'badmin', username: 'badmin', name: '管理员', grants: [{ role: 'ADMIN', orgUnit: 'bcounty' }, { role: 'PROC_ADMIN', orgUnit: 'bcounty' }] },
    { id: 'bsec', username: 'bsec', name: '镇党委书记', grants: [{ role: 'TWN_SEC', orgUnit: 'btown' }] },
  ];
  for (let i = 1; i <= villages; i++) {
    units.push({ id: villageId(i), name: `第${i}村`, level: 'village', parentId: 'btown' });
    users.push({ id: villageUser(i), username: villageUser(i), name: `村委${i}`, grants: [{ role: 'VIL_COMM', orgUnit: villageId(i) }] });
  }
  return { units, users };
}
