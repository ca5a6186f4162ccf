/**
 * Migration journey (issue 19): three cases of a procedure run on version 1; the 流程管理员 publishes
 * version 2 (村委办理 becomes 村委受理审查, due in 2 days instead of 3; the meeting adopts by ⅔),
 * opens 迁移办理中案件, and the dry run shows the two cases waiting at 村委办理 with their new due
 * dates and refuses the third, whose meeting has a tally entered. She migrates the two in bulk with a
 * reason; once the 监票人 sends the tally back for a recount, the dry run allows the third and she
 * migrates it on its own. The case page shows version 2 and who migrated it and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationDefinition } from '../../testkit/migration-fixtures.js';
import { apiCall, DEMO_PASSWORD, launchBrowser, loginAs, sessionCookie, shot, startWebStack, type Browser, type RunningStack } from './web.js';

const KEY = 'e2e-migrate';
let stack: RunningStack;
let browser: Browser;
let clerk = '';
const cases: { caseId: string; title: string }[] = [];
let voteTaskId = '';

type CaseDetail = { tasks: { id: string; nodeId: string; status: string }[]; definitionVersion: number };

/** The id of the open task at `nodeId`, once the engine has opened it. */
async function openTaskAt(caseId: string, nodeId: string): Promise<string> {
  const until = Date.now() + 30_000;
  for (;;) {
    const task = (await apiCall<CaseDetail>(stack.url, clerk, 'GET', `/api/cases/${caseId}`)).tasks.find((t) => t.nodeId === nodeId && t.status === 'open');
    if (task) return task.id;
    if (Date.now() > until) throw new Error(`no open task at ${nodeId} of ${caseId}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchBrowser();
  const designer = await sessionCookie(stack.url, 'designer');
  await apiCall(stack.url, designer, 'POST', '/api/definitions/import', migrationDefinition(KEY, 1));
  await apiCall(stack.url, designer, 'POST', `/api/definitions/${KEY}/publish`, { changeNote: '首次发布' });
  clerk = await sessionCookie(stack.url, 'vil_comm_jingshan');
  for (const title of ['修缮村道照明', '村集体鱼塘发包', '文化礼堂改造']) {
    const { caseId } = await apiCall<{ caseId: string }>(stack.url, clerk, 'POST', '/api/cases', { procedure: KEY, title, orgUnit: 'v-jingshan', data: { summary: title } });
    cases.push({ caseId, title });
  }
  // 文化礼堂改造 reaches the meeting and its tally is entered: that vote has begun.
  const third = cases[2]!;
  await apiCall(stack.url, clerk, 'POST', `/api/tasks/${third.caseId}/${await openTaskAt(third.caseId, 'handle')}/complete`, { data: { summary: third.title } });
  voteTaskId = await openTaskAt(third.caseId, 'meeting');
  await apiCall(stack.url, clerk, 'POST', `/api/tasks/${third.caseId}/${voteTaskId}/tally`, { groups: [{ entitled: 30, present: 21, yes: 12, no: 9 }] });
  for (const c of cases.slice(0, 2)) await openTaskAt(c.caseId, 'handle');
  await apiCall(stack.url, designer, 'POST', '/api/definitions/import', migrationDefinition(KEY, 2));
  await apiCall(stack.url, designer, 'POST', `/api/definitions/${KEY}/publish`, { changeNote: '受理审查按条例2日办结；表决须到会⅔通过' });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const row = (caseId: string) => browser.page.getByTestId(`migration-case-${caseId}`);

describe('流程管理员: migrate running cases to the new version', () => {
  it('the dry run lists the three v1 cases: two land at 村委受理审查 with their new due dates, the one in a counted vote is refused with the reason', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'designer', DEMO_PASSWORD);
    await page.goto(`${stack.url}/designer`);
    await page.getByTestId(`migrate-${KEY}`).click();
    await page.getByTestId('migration-page').waitFor();
    await expect(page.getByTestId('migration-from').inputValue()).resolves.toBe('1');
    await expect(page.getByTestId('migration-to').inputValue()).resolves.toBe('2');
    // Identical ids map by default.
    await expect(page.getByTestId('mapping-handle').inputValue()).resolves.toBe('handle');
    await page.getByTestId('migration-dry-run').click();
    await page.getByTestId('migration-cases').waitFor();
    await expect.poll(() => page.locator('[data-testid^="migration-case-"]').count()).toBe(3);

    const refused = row(cases[2]!.caseId);
    await expect(refused.getAttribute('data-ok')).resolves.toBe('false');
    await expect(refused.innerText()).resolves.toContain('表决正在进行');
    await expect(refused.innerText()).resolves.toContain('村民代表会议表决');
    await expect(page.getByTestId(`migration-select-${cases[2]!.caseId}`).isDisabled()).resolves.toBe(true);
    for (const c of cases.slice(0, 2)) {
      const text = await row(c.caseId).innerText();
      expect(text).toContain('留在「村委受理审查」');
      expect(text).toMatch(/「村委受理审查」办理时限：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} → \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
      expect(text).toContain('「村委办理」更名为「村委受理审查」');
    }
    await expect(page.getByTestId('migration-summary').innerText()).resolves.toBe('共 3 件：可迁移 2 件，不能迁移 1 件');
    await shot(page, '40-migration-dry-run');
  });

  it('migrating the selected two with a reason: the result says so and the next dry run lists only the refused case', async () => {
    const { page } = browser;
    await page.getByTestId('migration-reason').fill('按《信访工作条例》调整受理审查期限');
    await expect(page.getByTestId('migration-apply').innerText()).resolves.toBe('迁移所选（2 件）');
    await page.getByTestId('migration-apply').click();
    await expect.poll(() => page.getByTestId('migration-result').innerText()).toContain('已迁移 2 件，未迁移 0 件');
    await expect.poll(() => page.locator('[data-testid^="migration-case-"]').count(), { timeout: 30_000 }).toBe(1);
    await expect(row(cases[2]!.caseId).count()).resolves.toBe(1);
    await expect(page.getByTestId('migration-runs').innerText()).resolves.toContain('按《信访工作条例》调整受理审查期限');
    await shot(page, '41-migration-applied');
  });

  it('after the 监票人 sends the tally back for a recount, the third case can be migrated on its own: its vote reopens under the new rule', async () => {
    const { page } = browser;
    const scrutineer = await sessionCookie(stack.url, 'vil_superv_jingshan');
    await apiCall(stack.url, scrutineer, 'POST', `/api/tasks/${cases[2]!.caseId}/${voteTaskId}/confirm-tally`, { confirm: false, comment: '票数与签到不符，重新计票' });
    await page.getByTestId('migration-dry-run').click();
    const third = row(cases[2]!.caseId);
    await expect.poll(() => third.getAttribute('data-ok')).toBe('true');
    await expect(third.innerText()).resolves.toContain('「村民代表会议表决」按新规则重新表决');
    await shot(page, '42a-migration-third-allowed');
    await page.getByTestId('migration-reason').fill('表决规则按村规民约修订为到会三分之二');
    await page.getByTestId(`migrate-one-${cases[2]!.caseId}`).click();
    await expect.poll(() => page.getByTestId('migration-result').innerText()).toContain('已迁移 1 件');
    await page.getByTestId('migration-empty').waitFor();
    await shot(page, '42-migration-one-by-one');
  });

  it('the case page shows version 2, its step under the new name and who migrated it, when and why; the case list shows v2', async () => {
    const { page } = browser;
    const first = cases[0]!;
    await page.goto(`${stack.url}/cases/${encodeURIComponent(first.caseId)}`);
    await page.getByTestId('case-page').waitFor();
    await expect(page.getByTestId('case-version').innerText()).resolves.toBe('v2');
    const timeline = page.getByTestId('timeline');
    await expect(timeline.innerText()).resolves.toContain('迁移到新版本');
    await expect(timeline.innerText()).resolves.toContain('按《信访工作条例》调整受理审查期限');
    await expect(timeline.innerText()).resolves.toContain('第 1 版 → 第 2 版');
    await expect(page.getByTestId('case-page').innerText()).resolves.toContain('村委受理审查');
    await expect(page.getByTestId('ledger').innerText()).resolves.toContain('随版本迁移调整');
    // The task's holders by the role's name, the engine's own entries as 系统: no codes on the page.
    await expect(page.getByTestId('open-tasks').innerText()).resolves.toContain('村委');
    await expect(page.getByTestId('case-page').innerText()).resolves.not.toMatch(/VIL_COMM|\bsystem\b/);
    await page.getByTestId('timeline').scrollIntoViewIfNeeded();
    await shot(page, '43-case-migrated-timeline');

    await expect
      .poll(
        async () => {
          await page.goto(`${stack.url}/cases?procedure=${KEY}`);
          await page.getByTestId('case-list').waitFor();
          const rows = page.locator('[data-testid="case-row"]');
          if ((await rows.count()) < 3) return '';
          return (await rows.allInnerTexts()).map((t) => (/\bv(\d)\b/.exec(t)?.[1] ?? '?')).join(',');
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('2,2,2');
  });
});
