/**
 * Staff journey: 村党组织提议 → 村务联席会议商议 → 党员大会审议 → 村民代表会议票决. The first
 * 村民代表会议 falls short of ⅔ of its members (组织法 §26) and is shown as not quorate; the meeting
 * is reconvened and passes. Tallies are entered by the teller and confirmed by the scrutineer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageText } from './page-walk.js';
import { rawTextFindings } from './raw-text.js';
import { apiCall, DEMO_PASSWORD, launchBrowser, loginAs, logout, openInboxTask, sessionCookie, shot, startWebStack, type Browser, type RunningStack } from './web.js';

const KEY = 'wuyi-liangkai';
const TITLE = '村道拓宽工程';
let stack: RunningStack;
let browser: Browser;
let caseId = '';

async function as(page: Page, username: string): Promise<void> {
  if (await page.getByTestId('logout').count()) await logout(page);
  await loginAs(page, stack.url, username, DEMO_PASSWORD);
}

/** The raw-text check on the screen as it is now: no ids, role codes, ISO times or English. */
async function expectPlainChinese(page: Page, where: string): Promise<void> {
  expect(rawTextFindings(await pageText(page)), where).toEqual([]);
}

/** Opens the inbox item of this case at `nodeId`, waiting for the engine to create it. */
const openTask = (page: Page, nodeId: string): Promise<string> => openInboxTask(page, stack.url, caseId, nodeId);

async function enterTally(page: Page, counts: Record<string, number>): Promise<void> {
  await page.getByTestId('tally-form').waitFor();
  for (const [k, v] of Object.entries(counts)) await page.getByTestId(`tally-default-${k}`).fill(String(v));
}

async function confirmAsScrutineer(page: Page, taskUrl: string): Promise<void> {
  await as(page, 'vil_superv_jingshan');
  await page.goto(taskUrl);
  await page.getByTestId('scrutineer').waitFor();
}

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchBrowser();
  const cookie = await sessionCookie(stack.url, 'vil_party_jingshan');
  // Case start is not this journey's subject: started through the API with the 3-day notice off.
  const res = await apiCall<{ caseId: string }>(stack.url, cookie, 'POST', '/api/cases', {
    procedure: KEY,
    version: 1,
    title: TITLE,
    orgUnit: 'v-jingshan',
    params: { has_suggestion_step: false, member_notice_days: 0 },
  });
  caseId = res.caseId;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('staff clear the tasks and the votes of 五议两公开', () => {
  it('村党组织提议: claim the task, fill the generated form, and propose', async () => {
    const { page } = browser;
    await as(page, 'vil_party_jingshan');
    await shot(page, '11-inbox-todo');
    await openTask(page, 'propose');
    await page.getByTestId('claim').click();
    await page.getByTestId('unclaim').waitFor();
    // A required field left empty is refused with the field's message.
    await page.getByTestId('action-propose').click();
    await page.getByTestId('error-banner').waitFor();
    await page.getByTestId('input-matter_title').fill(TITLE);
    await page.getByTestId('input-matter_category').selectOption('public_welfare');
    await page.getByTestId('input-proposal_plan').fill('拓宽村道 1.2 公里至 6 米，预算 80 万元，申请上级补助并村集体自筹。');
    // 评论: a comment goes into the timeline without completing the task.
    await page.getByTestId('op-comment').click();
    await page.getByTestId('op-reason').fill('方案已征求两名村民代表意见。');
    await page.getByTestId('op-submit').click();
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('方案已征求两名村民代表意见。');
    await page.getByTestId('complete-comment').fill('经支委会研究提出。');
    await page.getByTestId('action-propose').click();
    await expect.poll(() => page.getByTestId('task-page').getAttribute('data-task-status')).toBe('done');
  });

  it('村务联席会议商议: the teller sees the rule and a live preview while typing, never the 确认; the 监票人 sends it back with a reason, the numbers stay; then confirms', async () => {
    const { page } = browser;
    const taskUrl = await openTask(page, 'consult');
    await page.getByTestId('tally-form').waitFor();
    // The rule in words before any number, and a preview that follows every keystroke.
    await expect(page.getByTestId('vote-rules').innerText()).resolves.toContain('赞成票');
    await enterTally(page, { entitled: 7, present: 6 });
    await expect.poll(() => page.getByTestId('tally-preview').getAttribute('data-outcome')).toBe('rejected');
    await enterTally(page, { yes: 5 });
    await expect.poll(() => page.getByTestId('tally-preview').getAttribute('data-outcome')).toBe('passed');
    await expect(page.getByTestId('tally-preview-lines').innerText()).resolves.toMatch(/赞成 5\/\D*\d/);
    // More votes than people present is caught before it is submitted.
    await enterTally(page, { no: 3 });
    await expect.poll(() => page.getByTestId('tally-preview').getAttribute('data-outcome')).toBe('invalid');
    await page.getByTestId('tally-preview-problem').waitFor();
    await enterTally(page, { no: 1 });
    await expect.poll(() => page.getByTestId('tally-preview').getAttribute('data-outcome')).toBe('passed');
    // The meeting's own field goes with the tally.
    await page.getByTestId('input-consult_opinion').fill('同意提交党员大会审议。');
    await shot(page, '12-vote-tally-entry');
    await expectPlainChinese(page, '12-vote-tally-entry');
    await page.getByTestId('submit-tally').click();
    await expect.poll(() => page.getByTestId('vote-panel').getAttribute('data-vote-status')).toBe('awaitingConfirmation');
    // The teller waits: the numbers as entered, no 确认 button.
    await page.getByTestId('tally-awaiting').waitFor();
    expect(await page.getByTestId('confirm-tally').count()).toBe(0);
    await shot(page, '12b-vote-teller-waits');
    await expectPlainChinese(page, '12b-vote-teller-waits');

    await confirmAsScrutineer(page, taskUrl);
    await expect(page.getByTestId('scrutineer').innerText()).resolves.toContain('5');
    await expect(page.getByTestId('pending-fields').innerText()).resolves.toContain('商议意见');
    // 退回重计 needs a reason.
    await page.getByTestId('reject-tally').click();
    await page.getByTestId('scrutineer').getByTestId('field-error').waitFor();
    await page.getByTestId('confirm-comment').fill('实到 6 人，反对 1 票应为弃权。');
    await page.getByTestId('reject-tally').click();
    await expect.poll(() => page.getByTestId('vote-panel').getAttribute('data-vote-status')).toBe('collecting');

    // The teller finds the numbers and the reason where they left them.
    await as(page, 'vil_party_jingshan');
    await page.goto(taskUrl);
    await page.getByTestId('tally-returned').waitFor();
    await expect(page.getByTestId('tally-returned-reason').innerText()).resolves.toContain('反对 1 票应为弃权');
    await expect(page.getByTestId('tally-default-yes').inputValue()).resolves.toBe('5');
    await expect(page.getByTestId('tally-default-no').inputValue()).resolves.toBe('1');
    await expect(page.getByTestId('input-consult_opinion').inputValue()).resolves.toBe('同意提交党员大会审议。');
    await shot(page, '12c-vote-tally-returned');
    await expectPlainChinese(page, '12c-vote-tally-returned');
    await enterTally(page, { no: 0, abstain: 1 });
    await page.getByTestId('submit-tally').click();
    await expect.poll(() => page.getByTestId('vote-panel').getAttribute('data-vote-status')).toBe('awaitingConfirmation');

    await confirmAsScrutineer(page, taskUrl);
    await shot(page, '13-vote-scrutineer-confirm');
    await expectPlainChinese(page, '13-vote-scrutineer-confirm');
    await page.getByTestId('confirm-tally').click();
    await expect.poll(() => page.getByTestId('task-page').getAttribute('data-task-status')).toBe('done');
    await expect(page.getByTestId('vote-meeting').first().innerText()).resolves.not.toBe('');
  });

  it('党员大会审议 passes with 25 of 30 members present', async () => {
    const { page } = browser;
    await as(page, 'vil_party_jingshan');
    const taskUrl = await openTask(page, 'members_meeting');
    await enterTally(page, { entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 });
    await page.getByTestId('submit-tally').click();
    await expect.poll(() => page.getByTestId('vote-panel').getAttribute('data-vote-status')).toBe('awaitingConfirmation');
    await confirmAsScrutineer(page, taskUrl);
    await page.getByTestId('confirm-tally').click();
    await expect.poll(() => page.getByTestId('task-page').getAttribute('data-task-status')).toBe('done');
  });

  it('村民代表会议: 19 of 30 members present is short of ⅔ — shown as no quorum (组织法 §26)', async () => {
    const { page } = browser;
    await as(page, 'vil_comm_jingshan');
    const taskUrl = await openTask(page, 'reps_meeting');
    await enterTally(page, { entitled: 30, present: 19, yes: 15, no: 4 });
    await page.getByTestId('submit-tally').click();
    await expect.poll(() => page.getByTestId('vote-panel').getAttribute('data-vote-status')).toBe('awaitingConfirmation');
    await confirmAsScrutineer(page, taskUrl);
    await page.getByTestId('confirm-tally').click();
    const result = page.getByTestId('vote-result');
    await result.waitFor();
    await expect(result.getAttribute('data-outcome')).resolves.toBe('no_quorum');
    await expect(page.getByTestId('vote-explanation').innerText()).resolves.toMatch(/到会 19\/\D*30/);
    await shot(page, '14-vote-no-quorum');
    await expectPlainChinese(page, '14-vote-no-quorum');
  });

  it('the meeting is reconvened and passes: 到会 21/30 ≥ ⅔, 赞成 12/21 > ½', async () => {
    const { page } = browser;
    await as(page, 'vil_comm_jingshan');
    await openTask(page, 'reps_no_quorum');
    await page.getByTestId('action-reconvene').click();
    await expect.poll(() => page.getByTestId('task-page').getAttribute('data-task-status')).toBe('done');

    const taskUrl = await openTask(page, 'reps_meeting');
    await enterTally(page, { entitled: 30, present: 21, yes: 12, no: 7, abstain: 2 });
    await page.getByTestId('submit-tally').click();
    await expect.poll(() => page.getByTestId('vote-panel').getAttribute('data-vote-status')).toBe('awaitingConfirmation');
    await confirmAsScrutineer(page, taskUrl);
    await page.getByTestId('confirm-tally').click();
    const result = page.getByTestId('vote-result');
    await result.waitFor();
    await expect(result.getAttribute('data-outcome')).resolves.toBe('passed');
    const lines = await page.getByTestId('vote-explanation').innerText();
    expect(lines).toMatch(/到会 21\/\D*30/);
    expect(lines).toMatch(/赞成 12\/\D*21/);
    await shot(page, '15-vote-passed');
    await expectPlainChinese(page, '15-vote-passed');
  });

  it('the case page shows the path, both meetings in the timeline, and the resolution now in 公示', async () => {
    const { page } = browser;
    await page.goto(`${stack.url}/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-page').waitFor();
    await expect.poll(() => page.getByTestId('current-nodes').innerText(), { timeout: 20_000 }).toContain('决议公开');
    await expect(page.getByTestId('node-reps_meeting').getAttribute('data-overlay')).resolves.toBe('path');
    const outcomes = await page.getByTestId('vote-result').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
    expect(outcomes).toContain('no_quorum');
    expect(outcomes).toContain('passed');
    // Every card names its meeting; the two 村民代表会议 are told apart by their outcome and date.
    const meetings = await page.getByTestId('vote-meeting').allInnerTexts();
    expect(meetings).toEqual(expect.arrayContaining(['村“两委”会议（村务联席会议）商议', '党员大会审议', '村民代表会议票决']));
    expect(meetings.filter((m) => m === '村民代表会议票决')).toHaveLength(2);
    // Each decided meeting left its 会议记录.
    expect(await page.getByTestId('vote-record-issued').count()).toBe(4);
    // …among the case's documents, to read and print like every notice (documents of part C).
    await expect.poll(() => page.getByTestId('case-document').filter({ hasText: '会议记录' }).count(), { timeout: 10_000 }).toBe(4);
    const record = page.getByTestId('case-document').filter({ hasText: '会议记录' }).first();
    const html = await page.request.get(new URL((await record.getByTestId('document-view').getAttribute('href')) ?? '', stack.url).toString());
    expect(html.status()).toBe(200);
    const printed = await html.text();
    for (const words of ['会议记录', '应到', '实到', '到会比例', '表决方式', '赞成', '反对', '弃权', '监票人（签名）']) expect(printed).toContain(words);
    // The meeting's own fields went with the tallies into the case data.
    await expect(page.getByTestId('case-data').innerText()).resolves.toContain('同意提交党员大会审议。');
    await shot(page, '16-case-after-vote');
    await expectPlainChinese(page, '16-case-after-vote');
  });

  it('an objection is recorded during 公示 on the case page', async () => {
    const { page } = browser;
    await as(page, 'vil_rep_jingshan');
    await page.goto(`${stack.url}/cases/${encodeURIComponent(caseId)}`);
    const pub = page.locator('[data-testid="publicity"][data-node-id="publish_resolution"]');
    await pub.waitFor();
    await pub.getByTestId('objection-content').fill('拓宽占用第二村民小组耕地，补偿标准未公示。');
    await pub.getByTestId('submit-objection').click();
    await expect.poll(() => pub.getByTestId('objections').locator('li').count()).toBe(1);
    await pub.scrollIntoViewIfNeeded();
    await shot(page, '17-publicity-objection');
  });
});
