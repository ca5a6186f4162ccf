/**
 * Documents (issue 18): a notice is filled from its case — a rendered 受理告知书 used to leave
 * 收到日期, 预计办结日期 and 受理机关 blank — it never changes once issued, and every document
 * lays out as print-ready HTML from one body.
 */
import { describe, expect, it } from 'vitest';
import { addPeriod, createActivities, createMemoryDirectory, createMemoryNoticeStore, formatChineseDate, noticeDocumentId, type Directory } from '../../activities/index.js';
import type { NoticeContext } from '../../activities/types.js';
import { documentHtml } from '../../server/documents/document-html.js';
import { PRINT_CSS } from '../../server/documents/print-assets.js';
import { repairCMap } from '../../server/documents/pdf-tounicode.js';

const UNITS: Record<string, { name: string; level: string }> = {
  'c-yuhang': { name: '余杭区', level: 'county' },
  't-jingshan': { name: '径山镇', level: 'township' },
  'v-jingshan': { name: '径山村', level: 'village' },
};
const directory: Directory = { ...createMemoryDirectory({}), unit: async (id) => UNITS[id] };

// A case started on a Friday evening and accepted the next Tuesday: 60 calendar days from 受理.
const startedAt = '2026-12-11T11:20:00.000Z';
const acceptedAt = '2026-12-15T02:00:00.000Z';
const context: NoticeContext = {
  pass: 1,
  caseStartedAt: startedAt,
  caseTitle: '反映村道积水',
  procedure: { key: 'xinfang', title: '信访限时办理', category: '信访' },
  org: { unit: 'v-jingshan', ancestors: ['t-jingshan', 'c-yuhang'], township: 't-jingshan', county: 'c-yuhang' },
  initiator: { userId: 'xf_office', name: '信访办' },
  periods: { dueAt: { from: acceptedAt, duration: { amount: 60, unit: 'calendarDays' } } },
  fields: [{ key: 'visit_form', label: '信访形式', options: [{ value: 'visit', label: '走访' }] }],
};
const request = {
  caseId: 'xinfang-20261211-Ab3x9K',
  nodeId: 'acceptance_notice',
  template: 'acceptance-notice',
  // The node's title for the document; the matter it names is the case's title (context.caseTitle).
  title: '信访事项受理告知书',
  data: { petitioner: '章晓燕', summary: '村道积水影响出行' },
  context,
};

describe('受理告知书 filled from its case', () => {
  it('收到日期 is the case start, 预计办结日期 the 60-day period from 受理 by the business calendar, 受理机关 the township government, with the case number', async () => {
    const store = createMemoryNoticeStore();
    const issuedAt = new Date(acceptedAt);
    const acts = createActivities({ directory, noticeStore: store, now: () => issuedAt });
    const r = await acts.generateNotice(request);
    const due = addPeriod(acceptedAt, 60, 'calendarDays').end;
    expect(r.text).toContain(`你于${formatChineseDate(startedAt)}提出的信访事项（“反映村道积水”：村道积水影响出行）`);
    expect(r.text).toContain(`预计于${formatChineseDate(due, true)}前`);
    expect(r.text).toContain('径山镇人民政府');
    expect(r.text).toContain('案件编号：信访〔2026〕1211-Ab3x9K号');
    expect(r.text).not.toContain('＿＿＿＿');
    const stored = store.notices.get(r.documentId)!;
    expect(stored.fields).toEqual({
      petitioner: '章晓燕',
      receivedAt: formatChineseDate(startedAt),
      summary: '村道积水影响出行',
      dueAt: formatChineseDate(due, true),
      issuer: '径山镇人民政府',
    });
    expect(stored.body).toMatchObject({ heading: '受理告知书', number: '案件编号：信访〔2026〕1211-Ab3x9K号', signOff: ['径山镇人民政府', formatChineseDate(issuedAt)] });
  });

  it('what the case data says wins over the facts (a 收到日期 recorded by hand)', async () => {
    const acts = createActivities({ directory, now: () => new Date(acceptedAt) });
    const r = await acts.generateNotice({ ...request, data: { ...request.data, receivedAt: '2026-12-09', issuer: '径山镇信访办公室' } });
    expect(r.text).toContain('你于2026年12月9日提出');
    expect(r.text).toContain('径山镇信访办公室');
  });

  it('without the case facts (a case recorded before the patch) the gaps stay visible as blanks', async () => {
    const r = await createActivities({ directory }).generateNotice({ ...request, context: undefined });
    expect(r.text).toContain('你于＿＿＿＿提出');
  });

  it('the generic notice names fields and options by their labels, never by key or code', async () => {
    const r = await createActivities({ directory }).generateNotice({ ...request, template: 'generic', data: { visit_form: 'visit' } });
    expect(r.text).toContain('信访形式：走访');
    expect(r.text).not.toContain('visit');
  });
});

describe('an issued document never changes', () => {
  it('a retried activity keeps the first issue; a second pass through the node (a loop) issues a document of its own', async () => {
    const store = createMemoryNoticeStore();
    let now = new Date('2026-12-15T02:00:00Z');
    const acts = createActivities({ directory, noticeStore: store, now: () => now });
    const first = await acts.generateNotice(request);
    now = new Date('2026-12-16T02:00:00Z');
    const retried = await acts.generateNotice(request);
    expect(retried.documentId).toBe(first.documentId);
    expect(store.notices.get(first.documentId)!.issuedAt).toBe('2026-12-15T02:00:00.000Z');
    const second = await acts.generateNotice({ ...request, context: { ...context, pass: 2 } });
    expect(second.documentId).not.toBe(first.documentId);
    expect(first.documentId).toBe(noticeDocumentId(request.caseId, request.nodeId));
    expect(store.notices.size).toBe(2);
  });
});

describe('print-ready HTML', () => {
  it('A4 page rules, the CJK serif font, every block in order, and no inline style or script on the page served to browsers', async () => {
    const store = createMemoryNoticeStore();
    const r = await createActivities({ directory, noticeStore: store, now: () => new Date(acceptedAt) }).generateNotice(request);
    const body = store.notices.get(r.documentId)!.body;
    const html = documentHtml(body, { css: 'link', toolbar: { pdfHref: '/x/pdf', caseHref: '/cases/x', labels: { print: '打印', pdf: '下载 PDF', back: '返回案件' } } });
    expect(PRINT_CSS).toMatch(/@page \{ size: A4;/);
    expect(PRINT_CSS).toContain('Noto Serif CJK SC');
    expect(html).toContain('<link rel="stylesheet" href="/api/documents/print.css">');
    expect(html).not.toMatch(/<style|style=|<script>/);
    const order = ['受理告知书', '案件编号', '章晓燕：', '经审查，符合受理条件', '径山镇人民政府', '文书编号'].map((s) => html.indexOf(s));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(documentHtml({ ...body, heading: '<b>x</b>' }, { css: 'inline' })).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});

describe('the PDF text layer', () => {
  const cmap = (body: string) =>
    `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n${body}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;
  it('glyphs Chromium maps to CJK radicals read as the ideographs (人⺠政府 → 人民政府, ⻅ → 见, ⽉ → 月), ranges included', () => {
    const out = repairCMap(cmap('2 beginbfchar\n<01> <4EBA>\n<02> <2EA0>\nendbfchar\n1 beginbfrange\n<03> <04> <2EC5>\nendbfrange\n1 beginbfchar\n<05> <2F49>\nendbfchar'));
    expect(out).toContain('<01> <4EBA>');
    expect(out).toContain('<02> <6C11>');
    expect(out).toContain('<03> <89C1>');
    // The range went on from ⻅ to the next code point, ⻆ (U+2EC6): 角.
    expect(out).toContain('<04> <89D2>');
    expect(out).toContain('<05> <6708>');
    expect(out).toMatch(/^\/CIDInit[\s\S]*endcodespacerange\n5 beginbfchar[\s\S]*endbfchar\nendcmap/);
  });
  it('a CMap without radicals stays byte for byte', () => {
    const c = cmap('1 beginbfchar\n<8B> <53D7>\nendbfchar');
    expect(repairCMap(c)).toBe(c);
  });
});
