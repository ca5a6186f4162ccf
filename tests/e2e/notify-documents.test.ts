/**
 * Issue 18 (part C) in Chromium against the real stack: a 信访办 officer who chose the DingTalk and
 * WeCom group robots is told of a new task in the township's group (the local receiver checks the
 * documented request format — DingTalk's 加签, WeCom's webhook key); the message's link, opened
 * signed out, goes through the login page and lands on the task. Once the petition is accepted the
 * case shows its 受理告知书: the print page and the PDF (a TrueType CJK font embedded as a CID font,
 * no Type 3) have every field filled
 * — 收到日期, 预计办结日期, 受理机关, the case number — and the stored document does not change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startChannelReceiver, type ChannelReceiver } from '../../testkit/channel-receiver.js';
import { apiCall, DEMO_PASSWORD, ensureWebBuilt, launchBrowser, sessionCookie, shot, WEB_DIST, type Browser } from './web.js';

let rx: ChannelReceiver;
let stack: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  rx = await startChannelReceiver();
  const { startStack } = await import('../../testkit/stack.js');
  // Links point at the server itself (publicUrl defaults to its URL); the robots are the township's.
  const { publicUrl: _unused, ...channels } = rx.config({ publicUrl: 'http://unused.invalid', orgUnit: 't-jingshan' });
  stack = await startStack({ seedDemo: true, webDist: WEB_DIST, channels });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await rx?.close();
});

interface CaseTask {
  id: string;
  nodeId: string;
  status: string;
}

async function openTask(cookie: string, caseId: string, nodeId: string): Promise<CaseTask> {
  const until = Date.now() + 30_000;
  for (;;) {
    const c = await apiCall<{ tasks: CaseTask[] }>(stack.url, cookie, 'GET', `/api/cases/${caseId}`);
    const t = c.tasks.find((x) => x.nodeId === nodeId && (x.status === 'open' || x.status === 'claimed'));
    if (t) return t;
    if (Date.now() > until) throw new Error(`no open task at ${nodeId}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const shanghaiDay = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));

describe('told in DingTalk / WeCom, and the 受理告知书 on paper', () => {
  let caseId = '';
  let receptionTask = '';
  let officer = '';

  it('a new task reaches the township group in DingTalk and WeCom, mentioning the officer, with a link to the task', async () => {
    officer = await sessionCookie(stack.url, 'xf_office');
    const settings = await apiCall<{ channels: string[]; available: string[] }>(stack.url, officer, 'PUT', '/api/me/notification-settings', {
      channels: ['dingtalkRobot', 'wecomRobot'],
      mobile: '13905710001',
      quietHours: null,
    });
    expect(settings.channels).toEqual(['dingtalkRobot', 'wecomRobot']);
    expect(settings.available).toEqual(expect.arrayContaining(['dingtalkRobot', 'wecomRobot', 'dingtalkWork', 'wecomApp', 'sms', 'email']));

    const registrar = await sessionCookie(stack.url, 'xf_office2');
    const started = await apiCall<{ caseId: string }>(stack.url, registrar, 'POST', '/api/cases', {
      procedure: 'xinfang',
      title: '反映村道积水影响出行',
      orgUnit: 'v-jingshan',
      data: { petitioner: '章晓燕', person_count: 1, emotional_state: 'stable', visit_form: 'visit', summary: '村道积水影响出行', petition_content: '雨后村道积水严重，请求疏通排水沟。' },
    });
    caseId = started.caseId;
    const register = await openTask(registrar, caseId, 'register');
    await apiCall(stack.url, registrar, 'POST', `/api/tasks/${caseId}/${register.id}/complete`, { action: 'register', data: {} });
    receptionTask = (await openTask(officer, caseId, 'office_reception')).id;

    const taskLink = `${stack.url}/tasks/${encodeURIComponent(caseId)}/${encodeURIComponent(receptionTask)}`;
    const ding = await rx.waitFor((m) => m.provider === 'dingtalkRobot' && m.link === taskLink);
    const wecom = await rx.waitFor((m) => m.provider === 'wecomRobot' && m.link === taskLink);
    expect(ding.problems).toEqual([]);
    expect(wecom.problems).toEqual([]);
    expect(ding.mentions).toEqual(['13905710001']);
    expect(ding.title).toMatch(/^新待办：/);
    expect(ding.text).toContain('[去办理]');
    expect(wecom.text).toContain('[去办理]');
    // Times in a group message are Beijing time in words, never ISO.
    expect(`${ding.text}\n${wecom.text}`).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // Sent once: a second look finds no second message for the same notification and group.
    await new Promise((r) => setTimeout(r, 1500));
    expect(rx.messages.filter((m) => m.provider === 'dingtalkRobot' && m.link === taskLink)).toHaveLength(1);
  });

  it('the link, opened signed out, asks for the login and then shows the task', async () => {
    const { page } = browser;
    const ding = rx.messages.find((m) => m.provider === 'dingtalkRobot' && m.link?.includes(receptionTask))!;
    await page.goto(ding.link!);
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByTestId('login-username').fill('xf_office');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('task-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tasks/${encodeURIComponent(caseId)}/${encodeURIComponent(receptionTask)}`);
    await page.waitForLoadState('networkidle');
    await shot(page, '70-notify-deep-link-task');
  });

  it('after 受理 the case lists its 受理告知书; the print page and the PDF show every field filled', async () => {
    await apiCall(stack.url, officer, 'POST', `/api/tasks/${caseId}/${receptionTask}/complete`, { action: 'received', data: { reception_record: '接谈，记录诉求' } });
    const decide = await openTask(officer, caseId, 'accept_decision');
    await apiCall(stack.url, officer, 'POST', `/api/tasks/${caseId}/${decide.id}/complete`, { action: 'decide', data: { acceptance: 'accept', handling_dept: '农业农村办' } });
    await openTask(officer, caseId, 'handle');
    const detail = await apiCall<{ startedAt: string; tasks: (CaseTask & { completedAt?: string })[] }>(stack.url, officer, 'GET', `/api/cases/${caseId}`);

    const { page, context } = browser;
    await page.goto(`${stack.url}/cases/${encodeURIComponent(caseId)}`);
    const notice = page.locator('[data-testid="case-document"][data-kind="notice"]', { hasText: '受理告知书' });
    await notice.waitFor();
    await notice.scrollIntoViewIfNeeded();
    await shot(page, '71-case-documents');
    const slip = page.locator('[data-testid="case-document"][data-kind="approvalSlip"]');
    await expect(slip.textContent()).resolves.toContain('审批单');

    const [printPage] = await Promise.all([context.waitForEvent('page'), notice.getByTestId('document-view').click()]);
    await printPage.getByTestId('document-sheet').waitFor();
    const sheet = (await printPage.getByTestId('document-sheet').textContent()) ?? '';
    const received = shanghaiDay(detail.startedAt);
    expect(sheet).toContain('受理告知书');
    expect(sheet).toContain('章晓燕');
    expect(sheet).toContain('信访事项（“反映村道积水影响出行”：村道积水影响出行）');
    expect(sheet).toContain(received);
    expect(sheet).toContain('径山镇人民政府');
    expect(sheet).toMatch(/预计于\d{4}年\d{1,2}月\d{1,2}日前/);
    expect(sheet).toMatch(/案件编号：/);
    expect(sheet).not.toContain('＿＿＿＿');
    await shot(printPage, '72-acceptance-notice-print');

    const documentId = await notice.getAttribute('data-document-id');
    const pdfRes = await fetch(`${stack.url}/api/cases/${encodeURIComponent(caseId)}/documents/${documentId}/pdf`, { headers: { cookie: officer } });
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get('content-type')).toMatch(/application\/pdf/);
    const bytes = new Uint8Array(await pdfRes.arrayBuffer());
    // The CJK font travels inside the file as a real font: a TrueType (glyf) subset of AR PL UMing
    // CN — six capitals and a plus before its name — embedded as a CIDFontType2 descendant of a
    // Type 0 font with its font program (FontFile2) and a ToUnicode map. No Type 3 font (glyph
    // outlines drawn as procedures, what Chromium makes of the CFF-outlined Noto CJK), none a bare
    // name the reader must have.
    const raw = Buffer.from(bytes).toString('latin1');
    const fonts = [...raw.matchAll(/\/Type\s*\/Font\b(?!Descriptor)([\s\S]*?)endobj/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => /\/Subtype\s*\/Type3/.test(f))).toEqual([]);
    for (const f of fonts) expect(f).toMatch(/\/Subtype\s*\/(Type0|CIDFontType2)/);
    const cid = fonts.filter((f) => /\/Subtype\s*\/CIDFontType2/.test(f));
    expect(cid.length).toBeGreaterThan(0);
    for (const f of cid) expect(f).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+UMingCN/);
    for (const f of fonts.filter((x) => /\/Subtype\s*\/Type0/.test(x))) expect(f).toMatch(/\/ToUnicode\s+\d+\s+0\s+R/);
    const descriptors = [...raw.matchAll(/\/Type\s*\/FontDescriptor\b([\s\S]*?)endobj/g)].map((m) => m[1]!);
    expect(descriptors.length).toBe(cid.length);
    for (const d of descriptors) expect(d).toMatch(/\/FontFile2\s+\d+\s+0\s+R/);
    // A subset, not the 20 MB collection: the whole notice is well under 100 kB.
    expect(bytes.length).toBeLessThan(100_000);
    const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
    let text = '';
    for (let i = 1; i <= pdf.numPages; i += 1) {
      const content = await (await pdf.getPage(i)).getTextContent();
      text += content.items.map((it) => ('str' in it ? it.str : '')).join('');
    }
    // The text layer says 民, 见, 长 — not the radicals ⺠ ⻅ ⻓ (a search for 人民政府 in the PDF finds it).
    const flat = text.replace(/\s+/g, '');
    expect(flat).not.toMatch(/[\u2E80-\u2FDF]/);
    expect(flat).toContain('受理告知书');
    expect(flat).toContain(received);
    expect(flat).toContain('径山镇人民政府');
    expect(flat).toContain('反映村道积水影响出行');
    expect(flat).toMatch(/预计于\d{4}年\d{1,2}月\d{1,2}日前/);
    expect(flat).not.toContain('＿＿＿＿');
    await printPage.close();

    // Issued once: the stored document reads the same when asked again.
    const a = await apiCall<{ body: unknown; issuedAt: string }>(stack.url, officer, 'GET', `/api/cases/${encodeURIComponent(caseId)}/documents/${documentId}`);
    const b = await apiCall<{ body: unknown; issuedAt: string }>(stack.url, officer, 'GET', `/api/cases/${encodeURIComponent(caseId)}/documents/${documentId}`);
    expect(b).toEqual(a);
  });

  it('the bell groups by case and opens the channel settings: the chosen group robots, the mobile they mention, quiet hours saved', async () => {
    const { page } = browser;
    await page.goto(`${stack.url}/inbox`);
    await page.getByTestId('bell').click();
    // The bell groups by case: this case's notifications are one entry under its title.
    const group = page.locator(`[data-testid="bell-group"][data-case-id="${caseId}"]`);
    await group.waitFor();
    await expect(group.textContent()).resolves.toContain('反映村道积水影响出行');
    await expect(page.locator(`[data-testid="bell-group"][data-case-id="${caseId}"]`).count()).resolves.toBe(1);
    await shot(page, '74-bell-grouped-by-case');
    await page.getByTestId('bell-settings').click();
    const dialog = page.getByTestId('notification-settings');
    await dialog.getByTestId('channel-dingtalkRobot').waitFor();
    await expect(dialog.getByTestId('channel-dingtalkRobot').isChecked()).resolves.toBe(true);
    await expect(dialog.getByTestId('channel-wecomRobot').isChecked()).resolves.toBe(true);
    await expect(dialog.getByTestId('channel-sms').isChecked()).resolves.toBe(false);
    await expect(dialog.getByTestId('contact-mobile').inputValue()).resolves.toBe('13905710001');
    // An e-mail channel needs its address: refused at the field.
    await dialog.getByTestId('channel-email').check();
    await dialog.getByTestId('contact-email').fill('');
    await dialog.getByTestId('quiet-hours').check();
    await dialog.getByTestId('quiet-start').fill('22:00');
    await dialog.getByTestId('quiet-end').fill('07:00');
    await dialog.getByTestId('settings-save').click();
    await dialog.locator('.field-invalid [data-testid="field-error"]', { hasText: '电子邮箱' }).waitFor();
    await shot(page, '73-notification-settings');
    await dialog.getByTestId('channel-email').uncheck();
    await dialog.getByTestId('settings-save').click();
    await dialog.waitFor({ state: 'detached' });
    const saved = await apiCall<{ channels: string[]; quietHours: { start: string; end: string } | null }>(stack.url, officer, 'GET', '/api/me/notification-settings');
    expect(saved).toMatchObject({ channels: ['dingtalkRobot', 'wecomRobot'], quietHours: { start: '22:00', end: '07:00' } });
  });
});

