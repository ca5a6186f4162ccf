/** The Temporal client of the API, with the engine's payload codec. */
import { Client, Connection } from '@temporalio/client';
import type { LoadedDataConverter } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { createPayloadCodec, type AesGcmCodec } from './codec.js';

export interface TemporalHandle {
  client: Client;
  connection: Connection;
  namespace: string;
  codec: AesGcmCodec;
  /** For decoding raw list responses (memo) page by page. */
  loaded: LoadedDataConverter;
}

export async function connectTemporal(address: string, namespace: string, codecKey: string): Promise<TemporalHandle> {
  const codec = await createPayloadCodec(codecKey);
  const connection = await Connection.connect({ address });
  const dataConverter = { payloadCodecs: [codec] };
  const client = new Client({ connection, namespace, dataConverter });
  return { client, connection, namespace, codec, loaded: loadDataConverter(dataConverter) };
}
