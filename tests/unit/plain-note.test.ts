/** Notes of the procedures as a clerk reads them: the authors' source tags left out (plain-note.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainNote } from '../../dsl/plain-note.js';
import { rawTextFindings } from '../e2e/raw-text.js';

describe('a procedure note without its source tags', () => {
  it.each([
    ['procedures.md §1.3 step 6 [DEFAULT]：7天；第30条只规定频次', '7天；第30条只规定频次'],
    ['党员大会召开前将方案送达党员（PUB 70edu：会前3天）。', '党员大会召开前将方案送达党员（会前3天）。'],
    ['五议之一：收集党员、村民、两委负责人的建议（联名提案的人数记录在案）。SEED:000', '五议之一：收集党员、村民、两委负责人的建议（联名提案的人数记录在案）。'],
    ['到会不足，不得形成审议结果；在规定时限内重新召开（procedures.md §1.4）。', '到会不足，不得形成审议结果；在规定时限内重新召开。'],
    ['实施后由村民代表评议满意度（PUB sboyo 五议两公开）。', '实施后由村民代表评议满意度。'],
    ['监委会、村民义务监督员、专业监理全程监督（SEED:000）。', '监委会、村民义务监督员、专业监理全程监督。'],
    ['期限（条例用“日”，procedures.md §0.3）', '期限（条例用“日”）'],
    ['（满意票达全体代表半数为满意，否则不满意，PUB 镇海区）', '（满意票达全体代表半数为满意，否则不满意）'],
    ['（SEED:000：视情向信访事项的分管领导报告）', '（视情向信访事项的分管领导报告）'],
    ['PUB marketingnearmeagency', undefined],
    ['村民委员会组织法 第21条：召开村民会议应当提前十天通知村民', '村民委员会组织法 第21条：召开村民会议应当提前十天通知村民'],
    ['默认', '默认'],
    ['党员大会审议（四议两公开）（四议两公开 地方规定 [PUB tunchang, 70edu]）', '党员大会审议（四议两公开）（四议两公开 地方规定）'],
  ])('%s', (given, expected) => {
    expect(plainNote(given)).toBe(expected);
  });

  it('a parameter is named by its label, never its key', () => {
    expect(plainNote('参数 vote_days', (k) => (k === 'vote_days' ? '投票期限（天）' : undefined))).toBe('参数“投票期限（天）”');
    expect(plainNote('参数 vote_days')).toBe('参数');
  });
});

describe('every note of the built-in procedures reads plain once its tags are left out', () => {
  const dir = new URL('../../procedures/', import.meta.url);
  const notes: [string, string][] = [];
  const walk = (v: unknown, where: string, key = ''): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`, k);
    else if (typeof v === 'string' && ['description', 'source', 'note'].includes(key)) notes.push([where, v]);
  };
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(new URL(f, dir), 'utf8')), f);

  it('no raw identifier, role code or English is left in a description, source or note', () => {
    expect(notes.length).toBeGreaterThan(100);
    const left = notes.flatMap(([where, n]) => rawTextFindings(plainNote(n, () => '参数名') ?? '').map((f) => `${where}: ${f.token} in ${f.line}`));
    expect(left).toEqual([]);
  });
});

describe('a notification as the bell shows it', () => {
  it('times in Asia/Shanghai, no source tag, no end-outcome code', async () => {
    const { plainMessage } = await import('../../designer/src/lib/plain-text.js');
    expect(plainMessage('请办理「村党组织提议」，办理时限 2026-12-15T16:00:00.000Z。', 'zh')).toBe('请办理「村党组织提议」，办理时限 2026/12/16 00:00。');
    expect(plainMessage('红灯预警：请县中心立即处理（SEED:004）。', 'zh')).toBe('红灯预警：请县中心立即处理。');
    expect(plainMessage('案件已办结（done_v1）。', 'zh')).toBe('案件已办结。');
  });
});
