/**
 * 减签 and 驳回到任意节点 in Chromium (issue 18): at a 会签 of the two 镇职能科室 staff, 吴晓东 takes
 * 孙丽萍 off the step (减签, picked by name, with a reason), then sends the case back past 领导审核
 * to 登记 — a step not among the node's listed return targets, offered because the node allows 驳回到
 * 任意节点 — and 赵敏 has 登记 again. The timeline names who was taken off and where the case went.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_PASSWORD, loginAs, openInboxTask, sessionCookie, shot, useWebStack } from './web.js';
import { FIVE_WORKING_DAYS, handOffDefinition } from '../../testkit/handoff-fixtures.js';

const KEY = 'e2e-countersign';
const web = useWebStack();
let caseId = '';

/** 登记 (the starter's own) → 领导审核 → 科室会签 (both 镇职能科室 staff; 减签, 驳回到任意节点) → 办结. */
const dl = FIVE_WORKING_DAYS;
const definition = handOffDefinition(
  KEY,
  '群众来信会签（驳回演示）',
  [
    { id: 'start', kind: 'start', name: '发起', position: { x: 0, y: 40 } },
    { id: 'register', kind: 'task', name: '登记', assignment: { type: 'initiator' }, form: ['summary'], requiredFields: ['summary'], deadline: dl, position: { x: 140, y: 30 } },
    { id: 'review', kind: 'task', name: '领导审核', assignment: { type: 'role', role: 'TWN_XF_LEADER', scope: 'case' }, deadline: dl, position: { x: 320, y: 30 } },
    // 会签 of both 镇职能科室 staff; 减签 and 驳回到任意节点 allowed, no listed return target.
    { id: 'sign', kind: 'task', name: '科室会签', assignment: { type: 'role', role: 'TWN_DEPT', scope: 'case' }, countersign: { mode: 'all' }, operations: ['removeSigner', 'return', 'comment'], returnToAny: true, deadline: dl, position: { x: 500, y: 30 } },
    { id: 'end', kind: 'end', name: '办结', outcome: 'done', position: { x: 680, y: 40 } },
  ],
  [
    { id: 'e1', from: 'start', to: 'register' },
    { id: 'e2', from: 'register', to: 'review' },
    { id: 'e3', from: 'review', to: 'sign' },
    { id: 'e4', from: 'sign', to: 'end' },
  ],
);

type Detail = { tasks: { id: string; nodeId: string; status: string }[] };
async function openTaskId(cookie: string, nodeId: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const d = await apiCall<Detail>(web.stack.url, cookie, 'GET', `/api/cases/${encodeURIComponent(caseId)}`);
    const t = d.tasks.find((x) => x.nodeId === nodeId && (x.status === 'open' || x.status === 'claimed'));
    if (t) return t.id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no open task at ${nodeId}`);
}

beforeAll(async () => {
  const { stack } = web;
  const admin = await sessionCookie(stack.url, 'designer');
  const imported = await apiCall<{ key: string }>(stack.url, admin, 'POST', '/api/definitions/import', definition);
  await apiCall(stack.url, admin, 'POST', `/api/definitions/${imported.key}/publish`, { changeNote: '会签驳回演示流程' });
  const clerk = await sessionCookie(stack.url, 'xf_office');
  caseId = (await apiCall<{ caseId: string }>(stack.url, clerk, 'POST', '/api/cases', { procedure: KEY, title: '西岭组水渠渗漏', orgUnit: 't-jingshan' })).caseId;
  const done = async (cookie: string, nodeId: string, data: Record<string, unknown> = {}) =>
    apiCall(web.stack.url, cookie, 'POST', `/api/tasks/${encodeURIComponent(caseId)}/${encodeURIComponent(await openTaskId(cookie, nodeId))}/complete`, { data });
  await done(clerk, 'register', { summary: '西岭组水渠渗漏' });
  await done(await sessionCookie(stack.url, 'xf_leader'), 'review');
});

describe('会签: 减签 and 驳回到任意节点', () => {
  it('减签: 吴晓东 takes 孙丽萍 off the 会签 by name with a reason; the timeline says who', async () => {
    const { page } = web.browser;
    const { stack } = web;
    await loginAs(page, stack.url, 'twn_dept', DEMO_PASSWORD);
    await openInboxTask(page, stack.url, caseId, 'sign');
    await page.getByTestId('op-removeSigner').click();
    await page.getByTestId('op-user-search').fill('孙');
    const options = page.getByTestId('person-option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().innerText()).toContain('孙丽萍');
    await options.first().click();
    await page.getByTestId('op-reason').fill('本周借调县水利局，不参加本次会签');
    await shot(page, 'handoff-remove-signer-dialog');
    await page.getByTestId('op-submit').click();
    await expect.poll(async () => page.getByTestId('timeline').innerText(), { timeout: 20_000 }).toMatch(/减签[^\n]*孙丽萍/);
    await shot(page, 'handoff-remove-signer-done');
    // 孙丽萍 no longer has the step.
    const sun = await sessionCookie(stack.url, 'twn_dept2');
    const inbox = await apiCall<{ items: { caseId: string; nodeId: string }[] }>(stack.url, sun, 'GET', '/api/inbox');
    expect(inbox.items.filter((x) => x.caseId === caseId && x.nodeId === 'sign')).toEqual([]);
  });

  it('驳回到任意节点: 吴晓东 sends the case back past 领导审核 to 登记; 赵敏 has 登记 again', async () => {
    const { page } = web.browser;
    const { stack } = web;
    await loginAs(page, stack.url, 'twn_dept', DEMO_PASSWORD);
    await openInboxTask(page, stack.url, caseId, 'sign');
    await page.getByTestId('op-return').click();
    const target = page.getByTestId('return-target');
    const offered = await target.locator('option').allInnerTexts();
    expect(offered.join('|')).toContain('登记');
    expect(offered.join('|')).toContain('领导审核');
    await target.selectOption({ label: '登记' });
    await page.getByTestId('op-reason').fill('来信人地址不全，请登记补正后重新呈批');
    await shot(page, 'handoff-return-any-dialog');
    await page.getByTestId('op-submit').click();
    await page.getByTestId('task-closed').waitFor();
    expect(await page.getByTestId('timeline').innerText()).toMatch(/退回[\s\S]*→\s*登记/);
    await shot(page, 'handoff-return-any-done');
    await loginAs(page, stack.url, 'xf_office', DEMO_PASSWORD);
    await openInboxTask(page, stack.url, caseId, 'register');
    await page.getByTestId('action-complete').waitFor();
  });
});
