/**
 * A secret ballot of 径山村's party members in the browser: a voter sees the turnout, the ballot
 * and, once cast, only "您已投票"; the teller cannot open the box after one ballot (the button says
 * why) and can once two of the three have voted; the result shows totals only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ballotDefinition } from '../../testkit/api-fixtures.js';
import { apiCall, DEMO_PASSWORD, launchBrowser, loginAs, logout, openInboxTask, sessionCookie, shot, startWebStack, type Browser, type RunningStack } from './web.js';

const KEY = 'e2e-secret-ballot';
let stack: RunningStack;
let browser: Browser;
let caseId = '';

/** 党员 (3 in 径山村) vote by secret ballot; the box opens at ⅔ of them; > ½ of ballots passes. */
const BALLOT = ballotDefinition(KEY, {
  title: '党员无记名表决',
  voters: { role: 'PARTY_MEMBER', name: '党员' },
  teller: { role: 'VIL_PARTY', name: '村党组织' },
  quorumTwoThirds: true,
});

async function as(page: Page, username: string): Promise<void> {
  if (await page.getByTestId('logout').count()) await logout(page);
  await loginAs(page, stack.url, username, DEMO_PASSWORD);
}

async function openVote(page: Page): Promise<void> {
  await openInboxTask(page, stack.url, caseId, 'vote');
  await page.getByTestId('ballot-panel').waitFor();
}

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchBrowser();
  const designer = await sessionCookie(stack.url, 'designer');
  await apiCall(stack.url, designer, 'PUT', `/api/definitions/${KEY}/draft`, BALLOT);
  await apiCall(stack.url, designer, 'POST', `/api/definitions/${KEY}/publish`, { changeNote: '无记名投票演示' });
  const party = await sessionCookie(stack.url, 'vil_party_jingshan');
  caseId = (await apiCall<{ caseId: string }>(stack.url, party, 'POST', '/api/cases', { procedure: KEY, title: '村集体经济项目表决', orgUnit: 'v-jingshan' })).caseId;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('a secret ballot in the browser', () => {
  it('a party member votes: turnout, the secrecy note, then only "您已投票"', async () => {
    const { page } = browser;
    await as(page, 'party_member_jingshan');
    await openVote(page);
    await expect(page.getByTestId('ballot-turnout').innerText()).resolves.toMatch(/0 \/ 3/);
    await expect(page.getByTestId('ballot-secret-note').innerText()).resolves.toContain('不记录谁投了什么');
    await page.getByTestId('ballot-yes').click();
    await page.getByTestId('ballot-done').waitFor();
    await expect(page.getByTestId('ballot-turnout').innerText()).resolves.toMatch(/1 \/ 3/);
    await expect(page.getByTestId('ballot-yes').count()).resolves.toBe(0);
    await shot(page, '30-secret-ballot-voted');
  });

  it('the teller cannot open the box on one ballot — the button says why — and can once two of three have voted', async () => {
    const { page } = browser;
    await as(page, 'vil_party_jingshan');
    await openVote(page);
    await expect(page.getByTestId('close-ballot').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('close-problem').innerText()).resolves.toMatch(/已投 1 票，未达到法定人数/);
    await shot(page, '31-secret-ballot-close-refused');
    // The teller is a party member too, and votes.
    await page.getByTestId('ballot-no').click();
    await page.getByTestId('ballot-done').waitFor();
    await expect.poll(() => page.getByTestId('close-ballot').isDisabled()).toBe(false);
    await page.getByTestId('close-ballot').click();
    const result = page.getByTestId('vote-result');
    await result.waitFor();
    // 1 赞成 of 2 ballots is not more than half.
    await expect(result.getAttribute('data-outcome')).resolves.toBe('rejected');
    await expect(page.getByTestId('vote-explanation').innerText()).resolves.toMatch(/赞成 1\/\D*2/);
    await shot(page, '32-secret-ballot-result');
  });

  it('the case page shows the totals and who voted, never a voter next to a count', async () => {
    const { page } = browser;
    await page.goto(`${stack.url}/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-page').waitFor();
    await page.getByTestId('vote-result').first().waitFor();
    // The sign-in sheet: both voters are named (the teller 俞国平 voted too) …
    // Each entry without its time line.
    const entries = (await page.getByTestId('timeline').locator(':scope > li').allInnerTexts()).map((e) => e.split('\n').slice(1).join('\n'));
    for (const voter of ['章晓燕', '俞国平']) expect(entries.some((e) => e.includes(voter) && e.includes('投票'))).toBe(true);
    // … but no entry that names a voter carries a count or a choice, and the result names nobody.
    for (const e of entries.filter((x) => /章晓燕|俞国平|沈建华/.test(x))) expect(e).not.toMatch(/赞成|反对|弃权|\d/);
    expect(entries.some((e) => e.includes('投票箱计票') && /赞成 1/.test(e))).toBe(true);
    for (const r of await page.getByTestId('vote-result').allInnerTexts()) expect(r).not.toMatch(/章晓燕|俞国平|沈建华/);
    await shot(page, '33-secret-ballot-case-page');
  });
});
