/**
 * The Content-Security-Policy the server sends (no eval, scripts/styles/workers from this origin
 * only, never framed) against the real built web app in Chromium: every screen still works and not
 * one CSP violation is reported — designer with the validator worker and elk's layout worker,
 * inbox, task, case, monitor, the API docs. A citizen's session shows only their own part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, loginAs, logout, shot, startWebStack, type Browser, type RunningStack } from './web.js';

let stack: RunningStack;
let browser: Browser;
const violations: string[] = [];

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchBrowser();
  // Every violation, from any document or worker of the page, is also logged to the console.
  browser.context.on('console', (msg) => {
    if (/Content Security Policy|Refused to (load|execute|evaluate|apply|create|connect|frame)/i.test(msg.text())) violations.push(msg.text());
  });
  await browser.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} on ${location.pathname} from ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`),
    );
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the web app under its Content-Security-Policy', () => {
  it('the page is served with the policy, and nothing on the main screens violates it', async () => {
    const { page } = browser;
    const res = await page.goto(`${stack.url}/login`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(res?.headers()['x-frame-options']).toBe('DENY');

    await loginAs(page, stack.url, 'vil_party_jingshan', DEMO_PASSWORD);
    await page.getByTestId('inbox').waitFor();
    await page.getByTestId('inbox-item').first().waitFor();
    await page.getByTestId('inbox-item').first().locator('a').first().click();
    await page.getByTestId('task-page').waitFor();
    await page.goto(`${stack.url}/cases`);
    await page.getByTestId('case-list').waitFor();
    await page.getByTestId('case-row-link').first().click();
    await page.getByTestId('case-page').waitFor();
    await page.goto(`${stack.url}/inbox`);
    await page.getByTestId('new-case').click();
    await page.getByTestId('new-case-procedure').selectOption('wuyi-liangkai');
    await page.getByTestId('new-case-org').selectOption('v-jingshan');
    await shot(page, '40-csp-new-case');
    await page.getByTestId('new-case-dialog').getByRole('button', { name: '取消' }).click();
    await logout(page);

    await loginAs(page, stack.url, 'designer', DEMO_PASSWORD);
    await page.goto(`${stack.url}/designer/wuyi-liangkai`);
    await page.getByTestId('designer').waitFor();
    await page.getByTestId('auto-layout').click();
    await page.waitForTimeout(1500); // the layout worker and the validation worker answer
    await shot(page, '41-csp-designer');
    await logout(page);

    await loginAs(page, stack.url, 'twn_sec', DEMO_PASSWORD);
    await page.goto(`${stack.url}/monitor`);
    await page.getByTestId('board').waitFor();
    await logout(page);

    await page.goto(`${stack.url}/api/docs/`);
    await page.locator('.swagger-ui').first().waitFor();
    expect(violations).toEqual([]);
    // Workers (the validator, elk's layout) report through report-uri: the server counted none.
    await page.waitForTimeout(2000); // reports are sent in the background
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics.split('\n').filter((l) => l.startsWith('csp_violations_total{'))).toEqual([]);
  });

  it('a citizen (信访人) gets their own 待办 and no procedure to start, without violations', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'petitioner_demo', DEMO_PASSWORD);
    await page.getByTestId('inbox').waitFor();
    await expect(page.getByTestId('nav-inbox').count()).resolves.toBe(1);
    await expect(page.getByTestId('nav-monitor').count()).resolves.toBe(0);
    await page.getByTestId('new-case').click();
    await page.getByTestId('new-case-none').waitFor();
    await shot(page, '42-citizen-new-case');
    expect(violations).toEqual([]);
  });
});
