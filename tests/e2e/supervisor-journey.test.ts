/**
 * Supervisor journey: a case whose step has a one-minute deadline turns red on the 动态管理 board
 * when it runs over; the supervisor drills down from the red light to the case and escalates it
 * (督办), then urges it in bulk after a preview, reassigns it in bulk to a colleague picked by name
 * (pinyin initials), and sees where cases wait on the process view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_PASSWORD, launchBrowser, loginAs, shot, startWebStack, type Browser, type RunningStack } from './web.js';

const KEY = 'e2e-cuiban';
let stack: RunningStack;
let browser: Browser;
let caseId = '';
let startedAt = 0;

async function cookieOf(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const c = res.headers.getSetCookie().find((x) => x.startsWith('jc_session='));
  if (!c) throw new Error(`login ${username} failed: ${res.status}`);
  return c.split(';')[0]!;
}

/** A one-step procedure whose step is due one minute after it starts: overdue within the test. */
const definition = {
  key: KEY,
  version: 1,
  schemaVersion: 2,
  title: '村级事务限时办理（督办演示）',
  category: '督办',
  roles: [
    { key: 'VIL_PARTY', name: '村党组织书记', level: 'village' },
    { key: 'TWN_LIAISON', name: '驻村联络员', level: 'township' },
  ],
  fields: [],
  params: [],
  nodes: [
    { id: 'start', kind: 'start', name: '发起', position: { x: 0, y: 40 } },
    {
      id: 'handle',
      kind: 'task',
      name: '限时办理',
      stage: '办理',
      assignment: { type: 'role', role: 'VIL_PARTY', scope: 'case' },
      deadline: { duration: { amount: 1, unit: 'minutes' }, timeoutAction: 'none', escalateToRole: 'TWN_LIAISON' },
      operations: ['comment', 'urge', 'transfer'],
      position: { x: 140, y: 30 },
    },
    { id: 'end', kind: 'end', name: '办结', outcome: 'done', position: { x: 400, y: 40 } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'handle' },
    { id: 'e2', from: 'handle', to: 'end' },
  ],
};

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchBrowser();
  const admin = await cookieOf(stack.url, 'designer');
  const imported = await apiCall<{ key: string }>(stack.url, admin, 'POST', '/api/definitions/import', definition);
  await apiCall(stack.url, admin, 'POST', `/api/definitions/${imported.key}/publish`, { changeNote: '督办演示流程' });
  const staff = await cookieOf(stack.url, 'vil_party_jingshan');
  const res = await apiCall<{ caseId: string }>(stack.url, staff, 'POST', '/api/cases', { procedure: KEY, title: '村务公开栏更新（限时）', orgUnit: 'v-jingshan' });
  caseId = res.caseId;
  startedAt = Date.now();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('supervisor: red light → drill down → 督办', () => {
  it('the board shows the new case under 径山村 × the procedure, not red yet', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'dm_center', DEMO_PASSWORD);
    await page.getByTestId('nav-monitor').click();
    const cell = page.getByTestId(`cell-v-jingshan-${KEY}`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('board').waitFor();
          return cell.count();
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBe(1);
    if (Date.now() - startedAt < 50_000) expect(await page.getByTestId(`cell-v-jingshan-${KEY}-red`).count()).toBe(0);
    await shot(page, '18-monitor-board');
  });

  it('once the one-minute deadline passes, the cell turns red; the red light drills down to the case', async () => {
    const { page } = browser;
    const red = page.getByTestId(`cell-v-jingshan-${KEY}-red`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('board').waitFor();
          return red.count();
        },
        { timeout: 150_000, interval: 3000 },
      )
      .toBe(1);
    await expect(page.getByTestId('total-red').innerText()).resolves.not.toBe('0');
    await shot(page, '19-monitor-board-red');
    await page.getByTestId('bell').click();
    await page.getByTestId('bell-panel').waitFor();
    await shot(page, '19b-notifications');
    await page.getByTestId('bell').click();
    await red.click();
    await page.getByTestId('case-list').waitFor();
    const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-health')).resolves.toBe('red');
    await shot(page, '20-case-list-red');
    await row.getByTestId('case-row-link').click();
    await page.getByTestId('case-page').waitFor();
    await expect(page.getByTestId('case-page').getAttribute('data-health')).resolves.toBe('red');
    await expect(page.locator('[data-testid="open-task"]').first().getAttribute('data-health')).resolves.toBe('red');
  });

  it('督办: the supervisor escalates the overdue step with a reason; the case records it', async () => {
    const { page } = browser;
    await page.getByTestId('case-escalate').click();
    const dialog = page.getByTestId('case-action-escalate');
    await dialog.waitFor();
    await page.getByTestId('action-task').selectOption({ index: 1 });
    await page.getByTestId('action-reason').fill('超期未办，请驻村联络员督促于今日办结。');
    await shot(page, '21-case-escalate-dialog');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('notice').waitFor();
    await expect.poll(() => page.getByTestId('open-tasks').innerText()).toContain('督办');
    await expect(page.getByTestId('timeline').innerText()).resolves.toContain('督办');
    await shot(page, '22-case-escalated');
  });

  it('bulk 催办 from the overdue list shows a preview before it applies', async () => {
    const { page } = browser;
    await page.getByTestId('nav-monitor').click();
    await page.getByTestId('overdue-table').waitFor();
    await page.getByTestId(`select-${caseId}`).check();
    await page.getByTestId('bulk-open').click();
    await page.getByTestId('bulk-dialog').waitFor();
    await page.getByTestId('bulk-op').selectOption('urge');
    await page.getByTestId('bulk-reason').fill('本周内全部办结');
    await page.getByTestId('bulk-preview').click();
    const preview = page.getByTestId('bulk-preview-table');
    await preview.waitFor();
    await expect(preview.locator('tbody tr').count()).resolves.toBe(1);
    await shot(page, '23-bulk-preview');
    await page.getByTestId('bulk-apply').click();
    await expect.poll(() => page.getByTestId('bulk-dialog').getByTestId('notice').innerText()).toContain('已执行 1');
    await page.keyboard.press('Escape');
    await page.getByTestId('charts').scrollIntoViewIfNeeded();
    await shot(page, '24-monitor-charts');
  });

  it('bulk 改派 picks the new holder by name (pinyin initials) among those eligible for the task; the preview and the case name people, never login ids', async () => {
    const { page } = browser;
    await page.getByTestId('overdue-table').scrollIntoViewIfNeeded();
    await page.getByTestId(`select-${caseId}`).check();
    await page.getByTestId('bulk-open').click();
    const dialog = page.getByTestId('bulk-dialog');
    await dialog.waitFor();
    await page.getByTestId('bulk-op').selectOption('reassign');
    // 限时办理 is 村党组织书记's, escalated to 驻村联络员: the township's two liaisons may take it, nobody of another village.
    const options = page.getByTestId('bulk-to').getByTestId('person-option');
    await expect.poll(() => options.allInnerTexts(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining('许文杰'), expect.stringContaining('杨勇')]));
    expect((await options.allInnerTexts()).join(' ')).not.toMatch(/胡德明|林宏伟|twn_|vil_/);
    await page.getByTestId('bulk-to-search').fill('xwj');
    await expect.poll(() => options.count()).toBe(1);
    await options.first().click();
    await expect(options.first().getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByTestId('bulk-reason').fill('原经办人外出学习，由驻村联络员接手');
    await shot(page, '23b-bulk-reassign-picker');
    await page.getByTestId('bulk-preview').click();
    const preview = page.getByTestId('bulk-preview-table');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('→ 许文杰');
    expect(text).not.toMatch(/twn_liaison|vil_party|[a-z]+_[a-z]+/);
    await shot(page, '23c-bulk-reassign-preview');
    await page.getByTestId('bulk-apply').click();
    await expect.poll(() => dialog.getByTestId('notice').innerText()).toContain('已执行 1');
    await page.keyboard.press('Escape');
    const liaison = await cookieOf(stack.url, 'twn_liaison2');
    const state = await apiCall<{ tasks: { status: string; assignees: string[] }[]; timeline: { type: string }[] }>(stack.url, liaison, 'GET', `/api/cases/${caseId}`);
    expect(state.tasks.find((t) => t.status !== 'completed')?.assignees).toEqual(['twn_liaison2']);
    expect(state.timeline.at(-1)?.type).toBe('task.transferred');
  });

  it('the process view shows the open case waiting at 限时办理', async () => {
    const { page } = browser;
    await page.goto(`${stack.url}/process/${KEY}`);
    await page.getByTestId('process-view').waitFor();
    await expect.poll(() => page.getByTestId('node-overlay-handle').count(), { timeout: 15_000 }).toBe(1);
    await expect(page.getByTestId('node-overlay-handle').innerText()).resolves.toMatch(/^1 ·/);
    await shot(page, '25-process-heat');
  });
});

describe('supervisor: village lights and statutory cadences (issue 17)', () => {
  it('the monitor shows each demo village’s warning light apart from the deadline board, and its 法定频次 schedules: 径山村’s quarterly 代表会议 in progress; a cadence paused with a reason', async () => {
    const { page } = browser;
    await page.getByTestId('nav-monitor').click();
    // 小古城村 has the red 动态管理 warning of the demo (土地纠纷): a village light, not a deadline light.
    await expect.poll(() => page.getByTestId('village-light-v-xiaogu').getAttribute('data-level'), { timeout: 20_000 }).toBe('red');
    await expect(page.getByTestId('village-light-v-jingshan').getAttribute('data-level')).resolves.toMatch(/green|yellow/);
    const table = page.getByTestId('cadence-table');
    await table.waitFor();
    for (const v of ['v-jingshan', 'v-xiaogu', 'v-shuangxi']) {
      for (const k of ['reps-quarterly', 'openness-quarterly', 'finance-monthly']) await expect(page.getByTestId(`cadence-cadence-${k}-${v}`).count()).resolves.toBe(1);
    }
    const jingshan = page.getByTestId('cadence-cadence-reps-quarterly-v-jingshan');
    await expect.poll(async () => { await page.reload(); await table.waitFor(); return jingshan.getAttribute('data-status'); }, { timeout: 30_000, interval: 1500 }).toBe('due');
    await expect(jingshan.innerText()).resolves.toContain('本期进行中');
    // No raw ids or ISO timestamps on screen.
    await expect(table.innerText()).resolves.not.toMatch(/cadence-|\d{4}-\d{2}-\d{2}T/);
    page.once('dialog', (d) => void d.accept('村两委换届，暂停本季度'));
    await page.getByTestId('pause-cadence-openness-quarterly-v-shuangxi').click();
    await expect.poll(() => page.getByTestId('cadence-cadence-openness-quarterly-v-shuangxi').getAttribute('data-status')).toBe('paused');
    await page.getByTestId('cadences').scrollIntoViewIfNeeded();
    await shot(page, '30-monitor-cadences');
  });
});
