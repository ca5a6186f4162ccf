/**
 * Names in pinyin for the people picker: 赵敏 → "zhaomin" / "zm", surnames read as surnames
 * (单 shàn, 曾 zēng) by pinyin-pro. Computed on the server so the web app needs no dictionary.
 */
import { pinyin } from 'pinyin-pro';

export function namePinyin(name: string): { pinyin: string; initials: string } {
  const full = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  const first = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  const clean = (xs: string[]) => xs.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  return { pinyin: clean(full), initials: clean(first) };
}
