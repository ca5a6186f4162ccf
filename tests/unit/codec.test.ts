import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { createPayloadCodec } from '../../temporal/codec.js';

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

  it('refuses a key that is not 32 bytes', async () => {
    await expect(createPayloadCodec(Buffer.alloc(16).toString('base64'))).rejects.toThrow(/32 bytes/);
  });
});
