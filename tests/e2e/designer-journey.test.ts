/**
 * The administrator's journey: add a node to 五议两公开 with a deadline in working days, publish
 * version 2; a case started afterwards runs the new version while a case started before keeps v1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_PASSWORD, launchBrowser, loginAs, logout, shot, startWebStack, type Browser, type RunningStack } from './web.js';

const KEY = 'wuyi-liangkai';
let stack: RunningStack;
let browser: Browser;

async function cookieOf(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const c = res.headers.getSetCookie().find((x) => x.startsWith('jc_session='));
  if (!c) throw new Error(`login ${username} failed: ${res.status}`);
  return c.split(';')[0]!;
}

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('designer: 五议两公开 gets a new step and a new version', () => {
  let oldCaseId = '';

  it('a case started on version 1 before the change', async () => {
    const cookie = await cookieOf(stack.url, 'vil_party_jingshan');
    const versions = await apiCall<{ version: number }[]>(stack.url, cookie, 'GET', `/api/definitions/${KEY}/versions`);
    expect(versions.map((v) => v.version)).toEqual([1]);
    const res = await apiCall<{ caseId: string }>(stack.url, cookie, 'POST', '/api/cases', { procedure: KEY, title: '旧版本案件：村道硬化', orgUnit: 'v-jingshan', params: { has_suggestion_step: false } });
    oldCaseId = res.caseId;
  });

  it('the administrator adds 乡镇联络员预审 after 村党组织提议 with a 3 working-day deadline, and publishes v2', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'designer', DEMO_PASSWORD);
    await page.getByTestId('nav-designer').click();
    await page.getByTestId(`definition-${KEY}`).waitFor();
    await shot(page, '01-designer-list');
    await page.getByTestId(`open-${KEY}`).click();
    await page.getByTestId('node-propose').waitFor();
    await page.getByTestId('issues-ok').or(page.getByTestId('tab-issues')).first().waitFor();
    await shot(page, '02-designer-graph');

    // Add a task from the palette: it lands selected, with its property panel open.
    await page.getByTestId('palette-task').click();
    await page.getByTestId('node-task_1').waitFor();
    const props = page.getByTestId('node-props');
    await expect(props.getAttribute('data-node-id')).resolves.toBe('task_1');
    await page.getByTestId('prop-name').fill('乡镇联络员预审');
    await page.getByTestId('prop-assignment-type').selectOption('role');
    await page.getByTestId('prop-assignment-role').selectOption('VIL_PARTY');
    await page.getByTestId('prop-deadline-toggle').check();
    await page.getByTestId('prop-deadline-duration-amount').fill('3');
    await page.getByTestId('prop-deadline-duration-unit').selectOption('workingDays');
    await page.getByTestId('prop-deadline-escalate').selectOption('TWN_LIAISON');

    // Until it is wired in, the validator pins problems on the new node.
    await expect.poll(async () => (await page.getByTestId('node-issues-task_1').count()) > 0, { timeout: 10_000 }).toBe(true);
    await shot(page, '03-designer-new-node-issues');

    // Wire it: connect task_1 → 村务联席会议商议, then retarget 提议 → 商议 onto the new node.
    await page.getByTestId('connect-to').selectOption('consult');
    await page.getByTestId('node-propose').click();
    await page.getByTestId('edge-link-propose--consult').click();
    await page.getByTestId('edge-props').waitFor();
    await page.getByTestId('prop-edge-to').selectOption('task_1');
    await expect.poll(async () => page.getByTestId('node-issues-task_1').count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('tab-issues').click();
    await expect(page.getByTestId('error-count').count()).resolves.toBe(0);
    await shot(page, '04-designer-wired');

    // Undo and redo the last edit from the keyboard.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => page.getByTestId('node-issues-task_1').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => page.getByTestId('node-issues-task_1').count(), { timeout: 10_000 }).toBe(0);

    await page.getByTestId('save-draft').click();
    await page.getByTestId('notice').waitFor();
    await page.getByTestId('show-diff').click();
    const diff = page.getByTestId('diff-dialog');
    await diff.waitFor();
    await expect(diff.getByTestId('diff-nodes-added').innerText()).resolves.toContain('乡镇联络员预审');
    await expect(page.getByTestId('node-task_1').getAttribute('data-diff')).resolves.toBe('added');
    await shot(page, '05-designer-diff');
    await page.keyboard.press('Escape');

    await page.getByTestId('publish').click();
    await page.getByTestId('change-note').fill('提议后增加乡镇联络员预审（3个工作日）');
    await page.getByTestId('confirm-publish').click();
    await page.waitForURL(`**/designer/${KEY}/v/2`);
    // The URL changes before React draws the published version (the draft's canvas, which also
    // has task_1, is still on screen for a moment), so wait for the read-only view itself.
    await expect.poll(() => page.getByTestId('designer').getAttribute('data-readonly'), { timeout: 10_000 }).toBe('true');
    await page.getByTestId('node-task_1').waitFor();
    await shot(page, '06-designer-published-v2');
  });

  it('a new case runs v2 and reaches the new step with a working-day deadline; the old case stays on v1', async () => {
    const { page } = browser;
    await logout(page);
    await loginAs(page, stack.url, 'vil_party_jingshan', DEMO_PASSWORD);
    await page.getByTestId('new-case').click();
    await page.getByTestId('new-case-procedure').selectOption(KEY);
    await page.getByTestId('new-case-org').selectOption('v-jingshan');
    await page.getByTestId('new-case-title').fill('新版本案件：文化礼堂修缮');
    await page.getByTestId('new-case-params-toggle').click();
    await page.getByTestId('param-input-has_suggestion_step').selectOption('false');
    await shot(page, '07-new-case-dialog');
    await page.getByTestId('new-case-submit').click();
    await page.getByTestId('case-page').waitFor();
    await expect(page.getByTestId('case-version').innerText()).resolves.toBe('v2');
    await page.getByTestId('node-task_1').waitFor();

    // 村党组织提议 → the new step.
    await page.getByTestId('nav-inbox').click();
    const item = page.locator('[data-testid="inbox-item"][data-node-id="propose"]', { hasText: '文化礼堂' });
    await item.click();
    await page.getByTestId('task-page').waitFor();
    await shot(page, '08-task-propose');
    await page.getByTestId('input-matter_title').fill('文化礼堂修缮');
    const category = page.getByTestId('input-matter_category');
    await category.selectOption({ index: 1 });
    await page.getByTestId('input-proposal_plan').fill('修缮屋顶与外墙，预算 12 万元，村集体经济收入列支。');
    await page.getByTestId('action-propose').click();
    await expect.poll(async () => page.getByTestId('task-page').getAttribute('data-task-status')).toBe('done');

    await page.getByTestId('case-link').click();
    await page.getByTestId('case-page').waitFor();
    await expect.poll(async () => page.getByTestId('current-nodes').innerText(), { timeout: 15_000 }).toContain('乡镇联络员预审');
    await expect(page.getByTestId('node-task_1').getAttribute('data-overlay')).resolves.toBe('current');
    await shot(page, '09-case-new-version');

    await page.goto(`${stack.url}/cases/${encodeURIComponent(oldCaseId)}`);
    await page.getByTestId('case-page').waitFor();
    await expect(page.getByTestId('case-version').innerText()).resolves.toBe('v1');
    await expect(page.getByTestId('node-task_1').count()).resolves.toBe(0);
    await shot(page, '10-case-old-version');
  });
});
