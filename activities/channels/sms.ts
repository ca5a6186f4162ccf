/**
 * SMS through a provider interface; one provider built in: Alibaba Cloud SMS (阿里云短信 SendSms,
 * API version 2017-05-25) with its documented RPC signature —
 * sort every parameter but Signature by name, percent-encode names and values (RFC 3986: space
 * %20, * %2A, ~ kept), join as k=v with &, StringToSign = "POST&%2F&" + percentEncode(that),
 * Signature = base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign)); answer {Code:'OK', BizId}.
 * Messages use an approved template whose variables are ${kind}, ${title} and ${link}.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { ChannelError, requestJson } from './http.js';

export interface SmsMessage {
  phone: string;
  params: Record<string, string>;
  /** The sender's own id of the message (the outbox row): the provider reports it back. */
  outId: string;
}

export interface SmsProvider {
  readonly name: string;
  send(msg: SmsMessage): Promise<void>;
}

/** RFC 3986 percent-encoding as Alibaba Cloud's signature wants it. */
export function aliyunPercentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Signature of an RPC request's parameters (without Signature) for `method`. */
export function aliyunSignature(params: Record<string, string>, accessKeySecret: string, method: 'GET' | 'POST' = 'POST'): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k] as string)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

export function aliyunSmsProvider(cfg: { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string; endpoint: string; regionId: string }, now: () => Date = () => new Date()): SmsProvider {
  return {
    name: 'aliyun',
    async send(msg) {
      const params: Record<string, string> = {
        AccessKeyId: cfg.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        OutId: msg.outId,
        PhoneNumbers: msg.phone,
        RegionId: cfg.regionId,
        SignName: cfg.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: cfg.templateCode,
        TemplateParam: JSON.stringify(msg.params),
        Timestamp: now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      const form = new URLSearchParams({ ...params, Signature: aliyunSignature(params, cfg.accessKeySecret) });
      const answer = await requestJson<{ Code: string; Message?: string }>(cfg.endpoint, { form });
      if (answer.Code === 'OK') return;
      // Throttling heals; a wrong template, signature or number does not.
      const retryable = /Throttling|ServiceUnavailable|InternalError/i.test(answer.Code);
      throw new ChannelError(`阿里云短信: ${answer.Code} ${answer.Message ?? ''}`.trim(), retryable);
    },
  };
}
