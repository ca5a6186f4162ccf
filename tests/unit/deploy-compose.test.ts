/**
 * The production compose stack registers exactly the search attributes the interpreter upserts:
 * a missing one makes every case start fail on the real cluster, while the dev server (which
 * registers them from workflows/search-attributes.ts) would never show it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SA, searchAttributeFlags } from '../../workflows/search-attributes.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

describe('docker-compose deployment', () => {
  it('the namespace job registers every custom search attribute with the type the interpreter uses', () => {
    const script = read('deploy/temporal/temporal-namespace.sh');
    const list = script.split("<<'LIST'")[1]?.split('\nLIST')[0] ?? '';
    const registered = list
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).join('='))
      .sort();
    expect(registered).toEqual(searchAttributeFlags().sort());
    expect(registered).toHaveLength(Object.keys(SA).length);
  });

  it('the stack has the schema job, the server, the namespace job, the UI, the worker and the API, and no auto-setup image', () => {
    const compose = read('docker-compose.yml');
    for (const svc of ['postgres', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui', 'worker', 'api']) {
      expect(compose).toMatch(new RegExp(`^  ${svc}:$`, 'm'));
    }
    expect(compose).not.toMatch(/temporalio\/auto-setup/);
    expect(compose).toMatch(/temporalio\/admin-tools/);
    expect(compose).toMatch(/condition: service_completed_successfully/);
  });

  it('the app containers get the same settings as the embedded default: Temporal address, database URL, codec key, port', () => {
    const compose = read('docker-compose.yml');
    for (const v of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'JICENG_CODEC_KEY', 'PORT']) expect(compose).toContain(`${v}:`);
  });
});
