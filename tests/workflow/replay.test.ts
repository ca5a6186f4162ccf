/**
 * Determinism: every recorded history in tests/histories replays against the current workflow
 * code without a non-determinism error (needs no server). Payloads are decrypted with the
 * fixed test codec key they were recorded with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { testDataConverter, workflowBundle } from '../../testkit/temporal.js';
import { historyFromCliJson } from './fixtures/history-json.js';

const dir = fileURLToPath(new URL('../histories/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('replay of recorded histories', () => {
  it('there are recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it('every recorded case replays deterministically with the current interpreter', async () => {
    const histories = files.map((f) => {
      const json = JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as { workflowId?: string };
      return { workflowId: json.workflowId ?? f.replace(/\.json$/, ''), history: historyFromCliJson(json) };
    });
    const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle(), dataConverter: await testDataConverter(), replayName: 'jiceng-replay' }, histories);
    const failures: string[] = [];
    let count = 0;
    for await (const r of results) {
      count += 1;
      if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(count).toBe(files.length);
  });
});
