/**
 * The soak's read-model check: every case's projection (the app database) against the case's own
 * state (its `state` query), field by field (server/projection/verify.ts). 0 mismatches is the bar.
 */
import { Client, Connection } from '@temporalio/client';
import { createPayloadCodec } from '../../temporal/codec.js';
import { openDb } from '../../db/adapter.js';
import { projectionMismatches } from '../../server/projection/verify.js';
import { stateQuery } from '../../workflows/messages.js';
import { BENCH_CODEC_KEY } from './codec-key.js';
import { pool } from './stats.js';

export async function checkProjection(address: string, databaseUrl: string, caseIds: string[]): Promise<{ checked: number; mismatches: string[]; unreadable: string[] }> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] } });
  const db = await openDb({ databaseUrl, dataDir: '' });
  const mismatches: string[] = [];
  const unreadable: string[] = [];
  try {
    await pool(caseIds, 8, async (caseId) => {
      try {
        const state = await client.workflow.getHandle(caseId).query(stateQuery);
        mismatches.push(...(await projectionMismatches(db, state)));
      } catch (err) {
        unreadable.push(`${caseId}: ${(err as Error).message.slice(0, 200)}`);
      }
    });
  } finally {
    await db.close();
    await connection.close();
  }
  return { checked: caseIds.length, mismatches, unreadable };
}
