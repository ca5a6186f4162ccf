/** A Temporal client with the project's payload codec (the same key as the worker's). */
import type { Client } from '@temporalio/client';
import { temporalAddress } from './errors.js';

/** Loaded on demand: the Temporal SDK takes seconds to import, and `validate` does not need it. */
export async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const { Client, Connection } = await import('@temporalio/client');
  const { dataConverter } = await import('../temporal/codec.js');
  const connection = await Connection.connect({ address: temporalAddress(), connectTimeout: '5s' });
  try {
    const client = new Client({
      connection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      dataConverter: await dataConverter(),
    });
    return await fn(client);
  } finally {
    await connection.close();
  }
}

/** TASK_QUEUE, or env JICENG_TASK_QUEUE (tests run their worker on a queue of their own). */
export async function taskQueue(): Promise<string> {
  const { TASK_QUEUE } = await import('../workflows/search-attributes.js');
  return process.env.JICENG_TASK_QUEUE ?? TASK_QUEUE;
}
