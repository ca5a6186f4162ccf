/**
 * The state a case carries across continue-as-new (workflows/engine/carried-state.ts): what a real
 * run wrote restores, an older shape is migrated up, and a state this engine cannot read fails
 * loudly instead of restoring half a case.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { CARRIED_VERSION, CarriedStateError, readCarried } from '../../workflows/engine/carried-state.js';
import { createPayloadCodec } from '../../temporal/codec.js';
import { TEST_CODEC_KEY } from '../../testkit/temporal.js';

/** The carried state of the second run recorded in tests/histories/continue-as-new.json. */
async function recordedCarriedState(): Promise<Record<string, unknown>> {
  const json = JSON.parse(readFileSync(fileURLToPath(new URL('../histories/continue-as-new.json', import.meta.url)), 'utf8'));
  const started = json.events[0].workflowExecutionStartedEventAttributes;
  const payloads = started.input.payloads.map((p: { metadata: Record<string, string>; data: string }) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data, 'base64'),
  }));
  const [decoded] = await (await createPayloadCodec(TEST_CODEC_KEY)).decode(payloads);
  const input = defaultPayloadConverter.fromPayload<{ carried?: Record<string, unknown> }>(decoded!);
  if (!input.carried) throw new Error('the recorded history is not a continued run');
  return input.carried;
}

describe('carried state across continue-as-new', () => {
  it('a first run carries nothing', () => {
    expect(readCarried(undefined)).toBeUndefined();
  });

  it('the state a real run carried (tests/histories/continue-as-new.json) reads back with its open task and where to resume', async () => {
    const raw = await recordedCarriedState();
    const c = readCarried(raw)!;
    expect(c.version).toBe(CARRIED_VERSION);
    expect(c.runs).toBeGreaterThanOrEqual(2);
    expect(c.tasks.some((t) => t.id === c.resume.taskId && (t.status === 'open' || t.status === 'claimed'))).toBe(true);
    expect(c.timeline.length).toBeGreaterThan(0);
  });

  it('a version-1 state from before issue 14 (no incidents) still reads', async () => {
    const { incidents: _dropped, ...old } = await recordedCarriedState();
    expect(readCarried(old)?.incidents).toBeUndefined();
  });

  it('an older version is migrated up one step at a time before it is checked', async () => {
    const v1 = await recordedCarriedState();
    // As if version 2 had renamed `warnings` to `notes`: a v1 state must arrive in the v2 shape.
    const migrations = { 1: ({ warnings, ...rest }: Record<string, unknown>) => ({ ...rest, notes: warnings }) };
    expect(() => readCarried(v1, migrations, 2)).toThrow(CarriedStateError); // v2's schema is not v1's: checked after migrating
    const seen: number[] = [];
    const traced = { 1: (s: Record<string, unknown>) => (seen.push(s.version as number), s) };
    expect(() => readCarried(v1, traced, 2)).toThrow(/invalid at version/);
    expect(seen).toEqual([1]);
  });

  it.each([
    ['a newer engine wrote it', { version: CARRIED_VERSION + 1 }, /newer than this engine/],
    ['no version', { runs: 2 }, /no valid version/],
    ['not an object', 'carried', /not an object/],
    ['tasks is not a list', { version: 1, tasks: {} }, /invalid at /],
  ])('refuses a carried state when %s', (_what, raw, message) => {
    expect(() => readCarried(raw)).toThrow(message);
  });

  it('refuses a migration chain with a gap', () => {
    expect(() => readCarried({ version: 1 }, {}, 3)).toThrow(/no migration from carried state version 1/);
  });
});
