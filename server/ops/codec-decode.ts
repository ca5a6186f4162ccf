/**
 * /api/codec/decode for operators: the Temporal Web UI's way of reading encrypted payloads.
 * Only the dedicated operations role (OPS_DECODER) may call it; every call is written to
 * `codec_decode_audit` (who, which cases, when) before anything is decoded; and what comes back
 * is protected on the way out (decode-side masking, server/cases/masking.ts `protectDecoded`):
 * a ballot choice next to its voter is always "***", and for a decoder without a 信访 role so is
 * every sensitive field and every sensitive value of the cases concerned.
 *
 * Why decode-side masking and not a second, 信访-only key: the interpreter evaluates conditions
 * and forms over the sensitive fields in clear, so whichever process holds the worker's key could
 * read a field-level ciphertext anyway; the key never leaves the API and worker processes, and this
 * endpoint is the only door a person has to decrypted payloads, so the mask is applied here.
 */
import type { Payload } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { seesSensitive } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { CASE_METADATA_KEY } from '../../temporal/codec.js';
import type { Definition } from '../../dsl/schema.js';
import { protectDecoded, sensitiveKeys, sensitiveValues, valuesUnder } from '../cases/masking.js';
import { definitionOf, rawState } from '../cases/case-service.js';

const td = new TextDecoder();
const te = new TextEncoder();

/** Cases whose current data is read to find their sensitive values (names in notices, titles …). */
const MAX_CASES_LOOKED_UP = 20;

export function caseOfPayload(p: Payload): string | undefined {
  const v = p.metadata?.[CASE_METADATA_KEY];
  return v ? td.decode(v) : undefined;
}

/** Sensitive field keys of every definition ever stored (a payload does not say which definition it belongs to). */
async function allSensitiveKeys(ctx: AppContext): Promise<Set<string>> {
  const rows = await ctx.db.query<{ body: Definition }>('SELECT body FROM definitions');
  const keys = new Set<string>();
  for (const r of rows) for (const k of sensitiveKeys(r.body)) keys.add(k);
  return keys;
}

/** The sensitive values of the cases' current data (a field filled in later, a name in a notice). */
async function caseValues(ctx: AppContext, caseIds: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of caseIds.slice(0, MAX_CASES_LOOKED_UP)) {
    const state = await rawState(ctx, id).catch(() => undefined);
    const def = state ? await definitionOf(ctx, state).catch(() => undefined) : undefined;
    if (state && def) out.push(...sensitiveValues(def, state.data));
  }
  return out;
}

const isJson = (p: Payload) => {
  const enc = p.metadata?.[METADATA_ENCODING_KEY];
  return !!enc && td.decode(enc) === 'json/plain' && !!p.data;
};

export async function decodeForOperator(ctx: AppContext, p: Principal, payloads: Payload[], origin: string | undefined): Promise<Payload[]> {
  const caseIds = [...new Set(payloads.map(caseOfPayload).filter((c): c is string => !!c))].sort();
  const mask = !seesSensitive(p);
  try {
    await ctx.db.query('INSERT INTO codec_decode_audit(user_id, case_ids, payloads, masked, origin) VALUES ($1, $2, $3, $4, $5)', [p.id, caseIds, payloads.length, mask, origin ?? null]);
  } catch (err) {
    ctx.log.error({ err }, 'codec decode audit failed');
    throw new ApiError(503, 'AUDIT_UNAVAILABLE', '解码留痕记录写入失败，本次未解码，请稍后再试');
  }
  const decoded = await ctx.temporal.codec.decode(payloads);
  const parsed = decoded.map((d) => (isJson(d) ? (JSON.parse(td.decode(d.data as Uint8Array)) as unknown) : undefined));
  const keys = mask ? await allSensitiveKeys(ctx) : new Set<string>();
  const values = mask ? [...new Set([...valuesUnder(keys, parsed), ...(await caseValues(ctx, caseIds))])].sort((a, b) => b.length - a.length) : [];
  return decoded.map((d, i) => {
    if (parsed[i] === undefined) return d;
    const safe = protectDecoded(parsed[i], { mask, keys, values });
    return { ...d, data: te.encode(JSON.stringify(safe)) };
  });
}
