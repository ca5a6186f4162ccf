/**
 * The raw-text rule the e2e walk applies to every zh-CN page (tests/e2e/raw-text.ts): each of the
 * offenders issue 18 found is caught, and the words a Chinese page may show are not. The English
 * walk's rule: raw text anywhere, Chinese in the app's own words (its chrome).
 */
import { describe, expect, it } from 'vitest';
import { englishPageFindings, rawTextFindings } from '../e2e/raw-text.js';

const kinds = (text: string) => rawTextFindings(text).map((f) => `${f.kind}:${f.token}`);

describe('raw text on a zh-CN page', () => {
  it('catches the offenders the walk-through found', () => {
    expect(kinds('Too small: expected number to be >=1')).toEqual(expect.arrayContaining(['english:Too', 'english:small', 'english:expected']));
    expect(kinds('Unexpected token: EOF')).toEqual(expect.arrayContaining(['english:Unexpected', 'english:token', 'english:EOF']));
    expect(kinds('2026-12-15T16:00:00.000Z → +3 workingDays')).toEqual(['iso-time:2026-12-15T16:00:00.000Z', 'identifier:workingDays']);
    expect(kinds('待办 accept_decision-2')).toEqual(['identifier:accept_decision-2']);
    expect(kinds('村道拓宽工程已办结 (terminated)')).toEqual(['english:terminated']);
    expect(kinds('村道拓宽工程 (done_v1)')).toEqual(['identifier:done_v1']);
    expect(kinds('延期 · extend')).toEqual(['english:extend']);
    expect(kinds('办理人：VIL_PARTY、TWN_XF_OFFICE')).toEqual(['role-code:VIL_PARTY', 'role-code:TWN_XF_OFFICE']);
    expect(kinds('register received submit')).toEqual(['english:register', 'english:received', 'english:submit']);
    expect(kinds('类型 longText')).toEqual(['identifier:longText']);
    expect(kinds('PUB marketingnearmeagency')).toEqual(['english:PUB', 'english:marketingnearmeagency']);
    expect(kinds('procedures.md §1.3 step 6 [DEFAULT]').map((k) => k.split(':')[0])).toContain('identifier');
    expect(kinds('发起人 vil_party_jingshan')).toEqual(['identifier:vil_party_jingshan']);
  });

  it('lets a Chinese page be: names, dates in Shanghai format, numbers, product names and the language switch', () => {
    expect(rawTextFindings('俞国平 · 2026/12/05 07:59 · 签收 · 村党组织提议')).toEqual([]);
    expect(rawTextFindings('到会 21/全体 30 ≥ ⅔ — 有效；赞成 12/21 > ½')).toEqual([]);
    expect(rawTextFindings('在 Temporal 中查看 ↗')).toEqual([]);
    expect(rawTextFindings('English')).toEqual([]);
    expect(rawTextFindings('导出 JSON · 条件（CEL）')).toEqual([]);
    expect(rawTextFindings('村级重大事项五议两公开 v1')).toEqual([]);
  });

  it('says where it found each token', () => {
    const [f] = rawTextFindings('第一行\n办理人：VIL_PARTY');
    expect(f).toEqual({ kind: 'role-code', token: 'VIL_PARTY', line: '办理人：VIL_PARTY' });
  });
});

const en = (text: string, chrome = '') => englishPageFindings(text, chrome).map((f) => `${f.kind}:${f.token}`);

describe('raw text and untranslated chrome on an English page', () => {
  it('catches raw ids, ISO times and role codes anywhere, and Chinese in the chrome', () => {
    expect(en('Due 2026-12-15T16:00:00.000Z')).toEqual(['iso-time:2026-12-15T16:00:00.000Z']);
    expect(en('Assignee: VIL_PARTY')).toEqual(['role-code:VIL_PARTY']);
    expect(en('Task accept_decision-2 · v-jingshan')).toEqual(['identifier:accept_decision-2', 'identifier:v-jingshan']);
    expect(en('', 'Inbox\n办理人\nVillage：All')).toEqual(['chinese:办理人', 'chinese:：']);
    expect(englishPageFindings('', '待办 Inbox')[0]).toEqual({ kind: 'chinese', token: '待办', line: '待办 Inbox' });
  });

  it("lets an English page be: English words and compounds, the people's Chinese data outside the chrome, the product name and the switch to 中文", () => {
    expect(en('Read-only view, e.g. zm · Sign-in · 2 Dec 2026, 09:00')).toEqual([]);
    expect(en('Case 径山村道路硬化 · 俞国平 · 径山镇', 'Inbox\nCase summary')).toEqual([]);
    expect(en('', '基层流程 Jiceng Flow\n中文')).toEqual([]);
  });
});
