/**
 * Issue 18's English mode, walked: an administrator, a village clerk, a 信访办 officer and a
 * township secretary (supervisor) switch the app to English and walk every page they reach
 * (page-walk.ts: navigation pages, inbox tabs, task and case pages, the monitor, the designer, the
 * bell, the start dialog). No page may show an ISO timestamp, a role code or a raw identifier, and
 * the app's own words — navigation, headings, buttons, labels, tabs, table headers, empty states,
 * tooltips — must be English: Chinese there is a missing translation. The people's data (case
 * titles, names, units, procedure and step names, a definition's fields and actions) stays Chinese;
 * the app marks it `translate="no"` and the check leaves it out (raw-text.ts: englishPageFindings).
 * Screenshots of a few English pages go to tests/artifacts/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import { walkAs } from './page-walk.js';
import { englishPageFindings } from './raw-text.js';
import { DEMO_PASSWORD, loginAs, logout, shot, useWebStack } from './web.js';

/** An administrator, a village clerk, a 信访 officer and a supervisor. */
const USERS = ['admin', 'vil_comm_jingshan', 'xf_office', 'twn_sec'];

const web = useWebStack();

describe('English mode: no raw text, no untranslated chrome', () => {
  it.each(USERS)('%s', async (username) => {
    const { page } = web.browser;
    if (await page.getByTestId('logout').count()) await logout(page);
    await loginAs(page, web.stack.url, username, DEMO_PASSWORD);
    await page.evaluate(() => localStorage.setItem('jc_lang', 'en'));
    const pages = await walkAs(page, web.stack.url, { perList: 2, chrome: true, designerDefinitions: false });
    expect(pages.length).toBeGreaterThan(3);
    // The switch took: every page is English (its <html lang> and its navigation).
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    const where = pages.map((p) => p.where);
    expect(where.some((w) => w.startsWith('/cases/'))).toBe(true);
    if (username !== 'admin') expect(where.some((w) => w.startsWith('/tasks/'))).toBe(true);
    const findings = pages.flatMap((p) => englishPageFindings(p.text, p.chrome ?? '').map((f) => `${p.where} · ${f.kind} · ${f.token} · ${f.line}`));
    if (username === 'vil_comm_jingshan' || username === 'twn_sec') {
      const task = where.find((w) => w.startsWith('/tasks/'));
      const kase = where.find((w) => w.startsWith('/cases/'));
      for (const [name, path] of [['inbox', '/inbox'], ['case', kase], ['task', task], ['monitor', '/monitor']] as const) {
        if (!path || (name === 'monitor' && !where.includes('/monitor'))) continue;
        await page.goto(`${web.stack.url}${path}`);
        await page.waitForLoadState('networkidle');
        await shot(page, `80-english-${username}-${name}`);
      }
    }
    await page.evaluate(() => localStorage.removeItem('jc_lang'));
    expect([...new Set(findings)]).toEqual([]);
  });
});
