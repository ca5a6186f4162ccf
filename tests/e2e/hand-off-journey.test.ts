/**
 * Hand-off journey (issue 18), in Chromium on the real stack: the 信访办 clerk 赵敏 completes her
 * 登记 and takes it back (拿回) while 办理 is untouched; 吴晓东 转办s 办理 to 孙丽萍, found by her
 * pinyin initials in the people picker, and his page then says who holds it; 孙丽萍 sends the case
 * back to 登记 (退回); 赵敏 then sets up a week's 外出委托 to 钱佳慧 and hands her open 登记 over, which
 * 钱佳慧 finds in her 待办; the timeline names from whom to whom. Screenshots in tests/artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handOffDefinition } from '../../testkit/handoff-fixtures.js';
import { apiCall, DEMO_PASSWORD, launchBrowser, loginAs, openInboxTask, sessionCookie, shot, startWebStack, type Browser, type RunningStack } from './web.js';

const KEY = 'e2e-handoff';
let stack: RunningStack;
let browser: Browser;
let caseId = '';

/** 登记 (the starter's own) → 办理 (镇职能科室) → 审核 (分管信访领导) → 办结. */
const definition = handOffDefinition(
  KEY,
  '群众来电交办（转办演示）',
  [
    { id: 'start', kind: 'start', name: '发起', position: { x: 0, y: 40 } },
    {
      id: 'register',
      kind: 'task',
      name: '登记',
      assignment: { type: 'initiator' },
      form: ['summary'],
      requiredFields: ['summary'],
      operations: ['takeBack', 'transfer', 'delegate', 'comment'],
      deadline: { duration: { amount: 5, unit: 'workingDays' }, timeoutAction: 'none' },
      position: { x: 140, y: 30 },
    },
    {
      id: 'handle',
      kind: 'task',
      name: '科室办理',
      assignment: { type: 'role', role: 'TWN_DEPT', scope: 'case' },
      operations: ['transfer', 'delegate', 'return', 'comment'],
      returnTargets: ['register'],
      deadline: { duration: { amount: 5, unit: 'workingDays' }, timeoutAction: 'none' },
      position: { x: 320, y: 30 },
    },
    { id: 'review', kind: 'task', name: '领导审核', assignment: { type: 'role', role: 'TWN_XF_LEADER', scope: 'case' }, deadline: { duration: { amount: 5, unit: 'workingDays' }, timeoutAction: 'none' }, position: { x: 500, y: 30 } },
    { id: 'end', kind: 'end', name: '办结', outcome: 'done', position: { x: 680, y: 40 } },
  ],
  [
    { id: 'e1', from: 'start', to: 'register' },
    { id: 'e2', from: 'register', to: 'handle' },
    { id: 'e3', from: 'handle', to: 'review' },
    { id: 'e4', from: 'review', to: 'end' },
  ],
);

beforeAll(async () => {
  stack = await startWebStack();
  browser = await launchBrowser();
  const admin = await sessionCookie(stack.url, 'designer');
  const imported = await apiCall<{ key: string }>(stack.url, admin, 'POST', '/api/definitions/import', definition);
  await apiCall(stack.url, admin, 'POST', `/api/definitions/${imported.key}/publish`, { changeNote: '转办演示流程' });
  const clerk = await sessionCookie(stack.url, 'xf_office');
  caseId = (await apiCall<{ caseId: string }>(stack.url, clerk, 'POST', '/api/cases', { procedure: KEY, title: '东坞路灯不亮', orgUnit: 't-jingshan' })).caseId;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('starting a case with the first step\'s form', () => {
  it('赵敏 starts from 待办: her only unit is chosen, a missing 事项名称 is marked at the field, the title comes from it and the case page shows 科室办理', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'xf_office', DEMO_PASSWORD);
    await page.goto(`${stack.url}/inbox`);
    await page.getByTestId('new-case').click();
    await page.getByTestId('new-case-procedure').selectOption(KEY);
    await page.getByTestId('new-case-form').waitFor();
    expect(await page.getByTestId('new-case-org').inputValue()).toBe('t-jingshan');
    await page.getByTestId('new-case-submit').click();
    const field = page.getByTestId('field-summary');
    await expect.poll(() => field.innerText()).toContain('请填写事项名称');
    await shot(page, 'start-form-error');
    await page.getByTestId('input-summary').fill('下庄村民来电反映饮水管破裂');
    await shot(page, 'start-form');
    await page.getByTestId('new-case-submit').click();
    await page.getByTestId('case-page').waitFor();
    expect(await page.getByTestId('case-title').innerText()).toBe('下庄村民来电反映饮水管破裂');
    expect(await page.getByTestId('current-nodes').innerText()).toBe('科室办理');
    expect(await page.getByTestId('case-initiator').innerText()).toBe('赵敏');
    await shot(page, 'start-case-page');
  });
});

describe('hand-off in the browser', () => {
  it('拿回: 赵敏 completes 登记, is offered 拿回 while 科室办理 is untouched, and gets the step back', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'xf_office', DEMO_PASSWORD);
    await openInboxTask(page, stack.url, caseId, 'register');
    await page.getByTestId('input-summary').fill('东坞路灯不亮');
    await page.getByTestId('action-complete').click();
    const bar = page.getByTestId('take-back-bar');
    await expect.poll(() => bar.getAttribute('data-allowed'), { timeout: 20_000 }).toBe('true');
    expect(await bar.innerText()).toContain('科室办理');
    await shot(page, 'handoff-take-back-offer');
    await page.getByTestId('take-back').click();
    await page.getByTestId('op-reason').fill('事项名称要补全村民小组');
    await page.getByTestId('op-submit').click();
    // The step reopens as a new task, claimed by her: the page moves there, with the form open.
    await page.getByTestId('action-complete').waitFor();
    expect(await page.getByTestId('task-page').getAttribute('data-task-status')).toBe('claimed');
    expect(await page.getByTestId('timeline').innerText()).toContain('拿回');
    await shot(page, 'handoff-taken-back');
    await page.getByTestId('input-summary').fill('东坞村第三村民小组路灯不亮');
    await page.getByTestId('action-complete').click();
    await page.getByTestId('task-closed').waitFor();
  });

  it('转办: 吴晓东 picks 孙丽萍 by her initials; his page then shows who holds it and no buttons; the timeline says from whom to whom', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'twn_dept', DEMO_PASSWORD);
    await openInboxTask(page, stack.url, caseId, 'handle');
    await page.getByTestId('claim').click();
    await page.getByTestId('unclaim').waitFor();
    await page.getByTestId('op-transfer').click();
    await page.getByTestId('op-user-search').fill('slp');
    const options = page.getByTestId('person-option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().innerText()).toContain('孙丽萍');
    await options.first().click();
    await page.getByTestId('op-reason').fill('我下周参加县里培训');
    await shot(page, 'handoff-transfer-picker');
    await page.getByTestId('op-submit').click();
    await page.getByTestId('not-yours').waitFor();
    expect(await page.getByTestId('task-holder').innerText()).toContain('孙丽萍');
    expect(await page.getByTestId('task-actions').count()).toBe(0);
    expect(await page.getByTestId('claim').count()).toBe(0);
    expect(await page.getByTestId('unclaim').count()).toBe(0);
    expect(await page.getByTestId('op-transfer').count()).toBe(0);
    expect(await page.getByTestId('timeline').innerText()).toMatch(/吴晓东\s*→\s*孙丽萍/);
    await shot(page, 'handoff-transfer-done');
    // 孙丽萍 signs for it elsewhere: his open page follows without a reload (待签收 → 已签收).
    const sun = await sessionCookie(stack.url, 'twn_dept2');
    const taskId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    await apiCall(stack.url, sun, 'POST', `/api/tasks/${encodeURIComponent(caseId)}/${encodeURIComponent(taskId)}/claim`, {});
    await expect.poll(() => page.getByTestId('task-page').getAttribute('data-task-status'), { timeout: 40_000, interval: 1000 }).toBe('claimed');
    expect(await page.getByTestId('task-holder').innerText()).toContain('孙丽萍');
  });

  it('退回: 孙丽萍 sends the case back to 登记 with a reason; 赵敏 has 登记 again', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'twn_dept2', DEMO_PASSWORD);
    await openInboxTask(page, stack.url, caseId, 'handle');
    await page.getByTestId('op-return').click();
    expect(await page.getByTestId('return-target').innerText()).toContain('登记');
    await page.getByTestId('op-reason').fill('来电人联系电话缺失，请补充后再交办');
    await shot(page, 'handoff-return-dialog');
    await page.getByTestId('op-submit').click();
    await page.getByTestId('task-closed').waitFor();
    expect(await page.getByTestId('timeline').innerText()).toMatch(/退回[\s\S]*→\s*登记/);
    await shot(page, 'handoff-returned');
    await loginAs(page, stack.url, 'xf_office', DEMO_PASSWORD);
    await openInboxTask(page, stack.url, caseId, 'register');
    await page.getByTestId('action-complete').waitFor();
  });

  it('委托 for a week: 赵敏 picks 钱佳慧 by pinyin, the dates default to today and six days on, her open 登记 goes to 钱佳慧', async () => {
    const { page } = browser;
    await loginAs(page, stack.url, 'xf_office', DEMO_PASSWORD);
    await page.getByTestId('nav-delegations').click();
    await page.getByTestId('delegations-page').waitFor();
    await page.getByTestId('stand-in-search').fill('qjh');
    const options = page.getByTestId('person-option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().innerText()).toContain('钱佳慧');
    await options.first().click();
    const starts = await page.getByTestId('delegation-starts').inputValue();
    const ends = await page.getByTestId('delegation-ends').inputValue();
    expect((Date.parse(ends) - Date.parse(starts)) / 86_400_000).toBe(6);
    await page.getByTestId('delegation-reason').fill('赴县信访局跟班学习一周');
    await page.getByTestId('delegation-hand-over').check();
    await shot(page, 'handoff-delegation-form');
    await page.getByTestId('delegation-save').click();
    const rule = page.getByTestId('delegations-given').getByTestId('delegation-rule');
    await rule.waitFor();
    expect(await rule.innerText()).toMatch(/赵敏\s*→\s*钱佳慧/);
    expect(await page.getByTestId('notice').innerText()).toMatch(/已委托当前待办 [1-9]\d* 件/);
    await shot(page, 'handoff-delegation-saved');

    await loginAs(page, stack.url, 'xf_office2', DEMO_PASSWORD);
    await openInboxTask(page, stack.url, caseId, 'register');
    await page.getByTestId('action-complete').waitFor();
    expect(await page.getByTestId('timeline').innerText()).toMatch(/委托[\s\S]*赵敏\s*→\s*钱佳慧/);
    expect(await page.getByTestId('acting-for').innerText()).toContain('赵敏');
    await shot(page, 'handoff-delegated-task');
    await page.getByTestId('nav-delegations').click();
    expect(await page.getByTestId('delegations-received').innerText()).toContain('赵敏');
  });
});
