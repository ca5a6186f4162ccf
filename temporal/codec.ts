/**
 * AES-256-GCM payload codec, used by every client and worker: petitioners' identities and case
 * data are never stored in Temporal in clear text (secret ballots never reach Temporal at all:
 * db/ballot-box.ts). Key from JICENG_CODEC_KEY (base64, 32 bytes); for local
 * development a key is generated once under data/. Each encrypted payload names its key
 * (`encryption-key-id`) and, when the SDK says whose payload it is, its case (`jiceng-case`, the
 * workflow id — already in clear in the history), so a decode through the API is audited per case.
 */
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
// @temporalio/proto is CommonJS: a default import works under both Node's ESM loader (tsx) and vitest.
import proto from '@temporalio/proto';
import { PROJECT_ROOT } from './temporal-binary.js';

const { temporal } = proto;

const ENCODING = 'binary/encrypted';
const KEY_ID_KEY = 'encryption-key-id';
/** Plain metadata: the case (workflow id) a payload belongs to. */
export const CASE_METADATA_KEY = 'jiceng-case';
const te = new TextEncoder();
const td = new TextDecoder();

export class AesGcmCodec implements PayloadCodec {
  /**
   * `key` seals every new payload; `retired` (earlier keys, by key id) still open the payloads
   * they sealed, so a key can be rotated while cases are running (README, "Rotating the codec key").
   */
  constructor(
    private readonly key: webcrypto.CryptoKey,
    readonly keyId: string,
    private readonly retired: ReadonlyMap<string, webcrypto.CryptoKey> = new Map(),
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const caseId = context?.workflowId;
    return Promise.all(
      payloads.map(async (payload) => {
        const plain = temporal.api.common.v1.Payload.encode(payload).finish();
        const iv = webcrypto.getRandomValues(new Uint8Array(12));
        const sealed = new Uint8Array(await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.key, plain));
        const data = new Uint8Array(iv.length + sealed.length);
        data.set(iv, 0);
        data.set(sealed, iv.length);
        const metadata: Record<string, Uint8Array> = { [METADATA_ENCODING_KEY]: te.encode(ENCODING), [KEY_ID_KEY]: te.encode(this.keyId) };
        if (caseId) metadata[CASE_METADATA_KEY] = te.encode(caseId);
        return { metadata, data };
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
        const id = payload.metadata?.[KEY_ID_KEY];
        const key = id ? (this.retired.get(td.decode(id)) ?? this.key) : this.key;
        const iv = data.subarray(0, 12);
        const plain = new Uint8Array(await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data.subarray(12)));
        return temporal.api.common.v1.Payload.decode(plain);
      }),
    );
  }
}

async function importKey(base64Key: string, name: string): Promise<{ key: webcrypto.CryptoKey; id: string }> {
  const raw = Buffer.from(base64Key.trim(), 'base64');
  if (raw.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  const key = await webcrypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const id = Buffer.from(await webcrypto.subtle.digest('SHA-256', raw)).toString('hex').slice(0, 12);
  return { key, id };
}

/** The codec of `base64Key`; `retiredKeys` (default: env JICENG_CODEC_RETIRED_KEYS) only decode. */
export async function createPayloadCodec(base64Key: string, retiredKeys: readonly string[] = retiredCodecKeys()): Promise<AesGcmCodec> {
  const current = await importKey(base64Key, 'JICENG_CODEC_KEY');
  const retired = new Map<string, webcrypto.CryptoKey>();
  for (const k of retiredKeys) {
    const r = await importKey(k, 'JICENG_CODEC_RETIRED_KEYS');
    if (r.id !== current.id) retired.set(r.id, r.key);
  }
  return new AesGcmCodec(current.key, current.id, retired);
}

/** Earlier keys, comma-separated in JICENG_CODEC_RETIRED_KEYS: still read, never written. */
export function retiredCodecKeys(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.JICENG_CODEC_RETIRED_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
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
