/**
 * AES-256-GCM payload codec, used by every client and worker: petitioners' identities and
 * secret ballots are never stored in Temporal in clear text. Key from JICENG_CODEC_KEY
 * (base64, 32 bytes); for local development a key is generated once under data/.
 */
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
// @temporalio/proto is CommonJS: a default import works under both Node's ESM loader (tsx) and vitest.
import proto from '@temporalio/proto';
import { PROJECT_ROOT } from './temporal-binary.js';

const { temporal } = proto;

const ENCODING = 'binary/encrypted';
const KEY_ID_KEY = 'encryption-key-id';
const te = new TextEncoder();
const td = new TextDecoder();

export class AesGcmCodec implements PayloadCodec {
  constructor(
    private readonly key: webcrypto.CryptoKey,
    readonly keyId: string,
  ) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const plain = temporal.api.common.v1.Payload.encode(payload).finish();
        const iv = webcrypto.getRandomValues(new Uint8Array(12));
        const sealed = new Uint8Array(await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.key, plain));
        const data = new Uint8Array(iv.length + sealed.length);
        data.set(iv, 0);
        data.set(sealed, iv.length);
        return { metadata: { [METADATA_ENCODING_KEY]: te.encode(ENCODING), [KEY_ID_KEY]: te.encode(this.keyId) }, data };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const enc = payload.metadata?.[METADATA_ENCODING_KEY];
        if (!enc || td.decode(enc) !== ENCODING) return payload;
        const data = payload.data;
        if (!data) throw new Error('encrypted payload without data');
        const iv = data.subarray(0, 12);
        const plain = new Uint8Array(await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv }, this.key, data.subarray(12)));
        return temporal.api.common.v1.Payload.decode(plain);
      }),
    );
  }
}

export async function createPayloadCodec(base64Key: string): Promise<AesGcmCodec> {
  const raw = Buffer.from(base64Key, 'base64');
  if (raw.length !== 32) throw new Error('JICENG_CODEC_KEY must be 32 bytes, base64-encoded');
  const key = await webcrypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const digest = Buffer.from(await webcrypto.subtle.digest('SHA-256', raw)).toString('hex').slice(0, 12);
  return new AesGcmCodec(key, digest);
}

/** The key for this installation: env first, else a generated one kept under data/. */
export function codecKey(dataDir = join(PROJECT_ROOT, 'data')): string {
  const fromEnv = process.env.JICENG_CODEC_KEY;
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'codec.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const key = Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString('base64');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}

export async function dataConverter(key = codecKey()) {
  return { payloadCodecs: [await createPayloadCodec(key)] };
}
