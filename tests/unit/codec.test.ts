import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { CASE_METADATA_KEY, createPayloadCodec, retiredCodecKeys } from '../../temporal/codec.js';

const key = Buffer.alloc(32, 3).toString('base64');

describe('payload codec (AES-256-GCM)', () => {
  it('a petitioner name never appears in clear text in the stored payload, and decodes back', async () => {
    const codec = await createPayloadCodec(key);
    const payload = defaultPayloadConverter.toPayload({ petitioner: '张三', idCard: '330110199001011234' });
    const [sealed] = await codec.encode([payload]);
    const stored = Buffer.from(sealed!.data!).toString('utf8');
    expect(stored).not.toContain('张三');
    expect(stored).not.toContain('330110199001011234');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ petitioner: '张三', idCard: '330110199001011234' });
  });

  it('a payload sealed with another key cannot be read', async () => {
    const a = await createPayloadCodec(key);
    const b = await createPayloadCodec(Buffer.alloc(32, 4).toString('base64'));
    const [sealed] = await a.encode([defaultPayloadConverter.toPayload('秘密')]);
    await expect(b.decode([sealed!])).rejects.toThrow();
  });

  it('key rotation: a new key seals, the retired key still opens what it sealed, and nothing else', async () => {
    const oldKey = key;
    const newKey = Buffer.alloc(32, 9).toString('base64');
    const before = await createPayloadCodec(oldKey, []);
    const [oldPayload] = await before.encode([defaultPayloadConverter.toPayload({ petitioner: '张三' })]);
    const rotated = await createPayloadCodec(newKey, [oldKey]);
    expect(rotated.keyId).not.toBe(before.keyId);
    const [opened] = await rotated.decode([oldPayload!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ petitioner: '张三' });
    const [newPayload] = await rotated.encode([defaultPayloadConverter.toPayload('新')]);
    expect(Buffer.from(newPayload!.metadata!['encryption-key-id']!).toString()).toBe(rotated.keyId);
    // The old key alone cannot read what the new one sealed.
    await expect(before.decode([newPayload!])).rejects.toThrow();
    expect(retiredCodecKeys({ JICENG_CODEC_RETIRED_KEYS: ` ${oldKey} , ${newKey}` })).toEqual([oldKey, newKey]);
  });

  it('a payload of a case names the case (the workflow id) in clear metadata, for the decode audit', async () => {
    const codec = await createPayloadCodec(key, []);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ petitioner: '张三' })], { type: 'workflow', namespace: 'default', workflowId: 'xinfang-20261201-abc' });
    expect(Buffer.from(sealed!.metadata![CASE_METADATA_KEY]!).toString()).toBe('xinfang-20261201-abc');
    const [plain] = await codec.encode([defaultPayloadConverter.toPayload(1)]);
    expect(plain!.metadata![CASE_METADATA_KEY]).toBeUndefined();
  });

  it('refuses a key that is not 32 bytes', async () => {
    await expect(createPayloadCodec(Buffer.alloc(16).toString('base64'))).rejects.toThrow(/32 bytes/);
  });
});
