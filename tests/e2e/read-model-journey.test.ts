/**
 * The screens the read model answers, in Chromium: a village clerk's 待办 sorted, paged and
 * searched; the supervisor's board with 20 villages × 9 procedures, counts per light, grouped
 * 镇 › 村 › 组 with headers that stay in view while it scrolls, drilling down to a light's cases;
 * 已办 right after 办理完成; the report page and its CSV and Excel files.
 *
 * 25 cases are real (started through the API, run by the worker); the board's other 17 villages
 * are filled with generated read-model rows (bench/lib/projection-fill.ts, marked 'generated').
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillProjection } from '../../bench/lib/projection-fill.js';
import { apiCall, sessionCookie, DEMO_PASSWORD, launchBrowser, loginAs, shot, startWebStack, type Browser, type RunningStack } from './web.js';

const KEY = 'e2e-lists';
const ROADS = 12;
const OTHERS = 13;
let stack: RunningStack;
let browser: Browser;

/** One step for the village committee, due in 3 working days. */
const definition = {
  key: KEY,
  version: 1,
  schemaVersion: 1,
  title: '村务事项办理（列表演示）',
  category: '演示',
  roles: [{ key: 'VIL_COMM', name: '村民委员会', level: 'village' }],
  fields: [],
  params: [],
  nodes: [
    { id: 'start', kind: 'start', name: '发起', position: { x: 0, y: 40 } },
    { id: 'handle', kind: 'task', name: '村委办理', assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' }, deadline: { duration: { amount: 3, unit: 'workingDays' }, timeoutAction: 'none' }, position: { x: 140, y: 30 } },
    { id: 'end', kind: 'end', name: '办结', outcome: 'done', position: { x: 400, y: 40 } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'handle' },
    { id: 'e2', from: 'handle', to: 'end' },
  ],
};

const NEW_VILLAGES = ['前溪村', '后山村', '东坞村', '西坞村', '南庄村', '北塘村', '上溪村', '下溪村', '桥头村', '岭下村', '石门村', '竹林村', '茶园村', '溪口村', '平山村', '里山村', '外山村'];

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchBrowser();
  const designer = await sessionCookie(stack.url, 'designer');
  await apiCall(stack.url, designer, 'POST', '/api/definitions/import', definition);
  await apiCall(stack.url, designer, 'POST', `/api/definitions/${KEY}/publish`, { changeNote: '列表演示' });
  const clerk = await sessionCookie(stack.url, 'vil_comm_jingshan');
  for (let i = 1; i <= ROADS + OTHERS; i++) {
    const title = i <= ROADS ? `径山村道路修缮第${i}段` : `径山村垃圾分类第${i - ROADS}批`;
    await apiCall(stack.url, clerk, 'POST', '/api/cases', { procedure: KEY, title, orgUnit: 'v-jingshan' });
  }
  // 17 more villages of 径山镇, and generated open cases of 9 procedures in all 20 villages.
  const admin = await sessionCookie(stack.url, 'admin');
  for (const [i, name] of NEW_VILLAGES.entries()) await apiCall(stack.url, admin, 'POST', '/api/org/units', { id: `v-e2e-${i + 1}`, name, level: 'village', parentId: 't-jingshan' });
  const defs = await apiCall<{ key: string; title: string; latestVersion: number | null }[]>(stack.url, admin, 'GET', '/api/definitions');
  const procedures = defs.filter((d) => d.latestVersion && d.key !== KEY && !d.key.startsWith('e2e-')).slice(0, 8).map((d) => ({ key: d.key, nodeId: 'handle', nodeName: '办理', role: 'VIL_COMM' }));
  procedures.push({ key: KEY, nodeId: 'handle', nodeName: '村委办理', role: 'VIL_COMM' });
  expect(procedures).toHaveLength(9);
  const villages = [...NEW_VILLAGES.map((_, i) => `v-e2e-${i + 1}`), 'v-xiaogu', 'v-shuangxi'];
  await fillProjection(stack.ctx!.db, {
    cases: villages.length * procedures.length * 5,
    units: villages.map((id) => ({ id, chain: [id, 't-jingshan', 'c-yuhang'] })),
    procedures,
    tag: 'e2e',
    closedShare: 0.25,
    yellow: 0.2,
    red: 0.15,
    handlers: ['vil_comm_xiaogu', 'vil_comm_shuangxi', 'twn_sec'],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const titlesOnPage = (b: Browser) => b.page.locator('[data-testid="inbox-item"] .inbox-main').allInnerTexts();

describe('待办: sort, pages, search', () => {
  it('the clerk’s 待办 comes by due time 20 at a time with the total; 加载更多 adds the next page; newest first on request; “道路修缮” finds the 12 road cases', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'vil_comm_jingshan', DEMO_PASSWORD);
    await page.goto(`${stack.url}/inbox`);
    await page.getByTestId('inbox-item').first().waitFor();
    const total = Number(await page.getByTestId('tab-count').innerText());
    expect(total).toBeGreaterThanOrEqual(ROADS + OTHERS);
    await expect(page.getByTestId('inbox-item').count()).resolves.toBe(20);
    await expect(page.getByTestId('list-count').innerText()).resolves.toContain(`共 ${total} 件`);
    await page.getByTestId('load-more').click();
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(Math.min(40, total));
    const dues = (await page.getByTestId('inbox-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-due') ?? ''))).filter(Boolean);
    expect(dues).toEqual([...dues].sort());
    await page.getByTestId('inbox-list').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '32-inbox-sorted-paged');

    await page.getByTestId('sort-by').selectOption('created');
    await page.getByTestId('sort-order').selectOption('desc');
    await expect.poll(async () => (await titlesOnPage(browser))[0]).toContain(`径山村垃圾分类第${OTHERS}批`);

    await page.getByTestId('search-input').fill('道路修缮');
    await page.getByTestId('search-submit').click();
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(ROADS);
    expect((await titlesOnPage(browser)).every((t) => t.includes('道路修缮'))).toBe(true);
    await expect(page.getByTestId('tab-count').innerText()).resolves.toBe(String(ROADS));
    await shot(page, '33-inbox-search');
  });

  it('办理完成 on one task: back in 待办 it is gone at once, and 已办 lists it first, dated now', async () => {
    const { page } = browser;
    await page.getByTestId('inbox-item').first().locator('a').click();
    await page.getByTestId('task-page').waitFor();
    const title = await page.getByTestId('task-page').getAttribute('data-task-status');
    expect(title).toBe('open');
    const caseUrl = page.url();
    await page.getByTestId('task-actions').locator('button.btn-go').first().click();
    await expect.poll(() => page.getByTestId('task-page').getAttribute('data-task-status')).toBe('done');
    const [, caseId, taskId] = /\/tasks\/([^/]+)\/([^/?]+)/.exec(caseUrl)!;
    await page.goto(`${stack.url}/inbox?q=${encodeURIComponent('道路修缮')}`);
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(ROADS - 1);
    await expect(page.locator(`[data-testid="inbox-item"][data-task-id="${decodeURIComponent(taskId!)}"][data-case-id="${decodeURIComponent(caseId!)}"]`).count()).resolves.toBe(0);
    await page.getByTestId('tab-done').click();
    const first = page.getByTestId('inbox-item').first();
    await expect.poll(() => first.getAttribute('data-case-id')).toBe(decodeURIComponent(caseId!));
    await expect(first.getByTestId('done-at').innerText()).resolves.toMatch(/办理于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    await shot(page, '34-inbox-done');
  });
});

describe('监督看板: 20 villages × 9 procedures', () => {
  it('counts per light in every cell, rows 镇 › 村 › 组, headers stay in view while the board scrolls, and a red light drills down to its cases', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, stack.url, 'twn_sec', DEMO_PASSWORD);
    await page.goto(`${stack.url}/monitor`);
    await page.getByTestId('board').waitFor();
    // 径山镇 first (depth 0), then its villages (depth 1), 径山村's groups under it (depth 2).
    const rows = await page.locator('[data-testid^="board-row-"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid')!.slice('board-row-'.length), Number(e.getAttribute('data-depth'))] as const));
    expect(rows[0]).toEqual(['t-jingshan', 0]);
    const villages = rows.filter(([, d]) => d === 1).map(([id]) => id);
    expect(villages).toHaveLength(20);
    expect(rows.findIndex(([id]) => id.startsWith('g-jingshan')) === -1 || rows.findIndex(([id]) => id.startsWith('g-jingshan')) > rows.findIndex(([id]) => id === 'v-jingshan')).toBe(true);
    // The 9 procedures of the generated cases (and those of the demo cases besides).
    expect(await page.locator('[data-testid^="board-col-"]').count()).toBeGreaterThanOrEqual(9);
    await expect(page.getByTestId(`board-col-${KEY}`).count()).resolves.toBe(1);
    // A cell's counts are the read model's.
    const [cell] = await stack.ctx!.db.query<{ green: string; yellow: string; red: string }>(
      `SELECT count(*) FILTER (WHERE light = 'green') AS green, count(*) FILTER (WHERE light = 'yellow') AS yellow, count(*) FILTER (WHERE light = 'red') AS red
       FROM proj_cases WHERE org_unit = 'v-e2e-1' AND procedure = $1 AND status IN ('running', 'suspended')`,
      [KEY],
    );
    for (const light of ['green', 'yellow', 'red'] as const) {
      const n = Number(cell![light]);
      const link = page.getByTestId(`cell-v-e2e-1-${KEY}-${light}`);
      if (n === 0) await expect(link.count()).resolves.toBe(0);
      else await expect(link.innerText()).resolves.toBe(String(n));
    }
    await shot(page, '35-monitor-board-20x9');
    // Scrolled down and right, the procedure row and the village column stay at the board's edges
    // (within the 4 px cell spacing) while the cells move under them.
    const wrap = page.getByTestId('board-wrap');
    const head = page.locator('[data-testid^="board-col-"]').first();
    const unitCell = page.locator('[data-testid="board-row-v-e2e-1"] th');
    const anyCell = page.getByTestId(`cell-v-e2e-1-${KEY}`);
    const cellBefore = (await anyCell.boundingBox())!;
    await wrap.evaluate((el) => el.scrollBy(400, 500));
    await page.waitForTimeout(100);
    const box = (await wrap.boundingBox())!;
    const headAfter = (await head.boundingBox())!;
    expect(headAfter.y - box.y).toBeGreaterThanOrEqual(0);
    expect(headAfter.y - box.y).toBeLessThan(6);
    const unitAfter = (await unitCell.boundingBox())!;
    expect(unitAfter.x - box.x).toBeGreaterThanOrEqual(0);
    expect(unitAfter.x - box.x).toBeLessThan(6);
    const cellAfter = (await anyCell.boundingBox())!;
    expect(cellBefore.y - cellAfter.y).toBeGreaterThan(300);
    await shot(page, '36-monitor-board-scrolled');
    await wrap.evaluate((el) => el.scrollTo(0, 0));
    // Drill down: the red light of a cell lists exactly its red cases.
    const red = await stack.ctx!.db.query<{ case_id: string }>(`SELECT case_id FROM proj_cases WHERE light = 'red' AND status IN ('running', 'suspended') AND org_unit = 'v-e2e-2'`);
    const redCell = page.locator('[data-testid^="cell-v-e2e-2-"][data-testid$="-red"]').first();
    if (red.length > 0 && (await redCell.count()) > 0) {
      const n = Number(await redCell.innerText());
      await redCell.click();
      await page.getByTestId('case-list').waitFor();
      await expect.poll(() => page.getByTestId('case-row').count()).toBe(n);
      expect(await page.locator('[data-testid="case-row"]').evaluateAll((els) => els.every((e) => e.getAttribute('data-health') === 'red'))).toBe(true);
      await shot(page, '37-case-list-drilldown');
    }
  });
});

describe('统计报表', () => {
  it('shows opened / closed / overdue rate per village and procedure, time per step and per handler, and exports CSV and Excel', async () => {
    const { page } = browser;
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-units').waitFor();
    const jingshan = page.locator('[data-testid="report-unit-row"]', { hasText: '径山村' }).filter({ hasText: '列表演示' });
    await expect(jingshan.locator('td').nth(3).innerText()).resolves.toBe(String(ROADS + OTHERS));
    await expect(page.getByTestId('report-steps').innerText()).resolves.toContain('村委办理');
    await expect(page.getByTestId('report-handlers').innerText()).resolves.toContain('沈建华');
    await shot(page, '38-report');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-units').click()]);
    expect(csv.suggestedFilename()).toMatch(/^统计报表_各村办件_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const csvBytes = readFileSync((await csv.path())!);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvBytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('乡镇,村,流程,新办件,办结,超期件,超期率');
    expect(lines.some((l) => l.startsWith('径山镇,径山村,村务事项办理（列表演示）,25,'))).toBe(true);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['各村办件', '各环节用时', '经办人']);
    const rows = (wb.getWorksheet('各村办件')!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    // 25 opened, the one completed above closed, none overdue.
    expect(rows).toContainEqual(['径山镇', '径山村', '村务事项办理（列表演示）', 25, 1, 0, 0]);
    expect(rows).toHaveLength(lines.length);
  });
});
