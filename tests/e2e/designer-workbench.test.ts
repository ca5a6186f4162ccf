/**
 * Issue 19, part A in Chromium: a 流程管理员 finds 受理审查 in 信访 by search and shortens its
 * deadline, is asked before leaving with the edit unsaved, sees the change old → new in the diff
 * and on the canvas, previews the due dates of a case started on 2026-09-28 (across 国庆), and
 * creates a procedure from a template on the list page; a 村党组织 member sees the 预计时间线 when
 * starting a case. Then (issues 18/19 leftovers) the property panels' real fields: 驳回到任意节点, a
 * field's format 手机号, a 抄送 node's role chosen by name from the role catalogue and a notice's
 * 办结期限 chosen by step — saved and read back in words in the diff.
 */
import { describe, expect, it } from 'vitest';
import { addPeriod } from '../../activities/business-calendar.js';
import { apiCall, DEMO_PASSWORD, loginAs, sessionCookie, shot, useWebStack } from './web.js';

const web = useWebStack();

describe('designer workbench: find, edit safely, diff, forecast, template', () => {
  it('finds 受理审查 by search in 信访, shortens its deadline, is asked before leaving, sees 15 → 10 自然日 in the diff and on the canvas', async () => {
    const { page } = web.browser;
    await loginAs(page, web.stack.url, 'designer', DEMO_PASSWORD);
    await page.getByTestId('nav-designer').click();
    await page.getByTestId('definition-search').fill('信访');
    await page.getByTestId('definition-xinfang').waitFor();
    await shot(page, 'h19-01-list-search');
    await page.getByTestId('open-xinfang').click();
    await page.getByTestId('node-search-input').waitFor();

    // Ctrl+F goes to the node search, not the web.browser's find bar.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('node-search-input');
    await page.keyboard.type('受理审查');
    await page.getByTestId('node-search-hit-accept_decision').waitFor();
    await shot(page, 'h19-02-node-search');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('node-props').getAttribute('data-node-id')).resolves.toBe('accept_decision');
    // Edges say the outcome they follow in words (受理审查's 作出决定, 接待完毕 …), never its raw name.
    const edgeTexts = await page.locator('.react-flow__edge-text').allTextContents();
    expect(edgeTexts.length).toBeGreaterThan(0);
    expect(edgeTexts.filter((x) => /^[a-z_]+$/.test(x.trim()))).toEqual([]);
    // Centred: the node is on screen.
    await expect.poll(() => page.getByTestId('node-accept_decision').isVisible()).toBe(true);

    await page.getByTestId('prop-deadline-duration-amount').fill('10');
    await page.getByTestId('unsaved').waitFor();
    await shot(page, 'h19-03-deadline-changed');

    // Leaving with the edit unsaved asks first; 留在此页 keeps the edit.
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('leave-dialog').waitFor();
    await shot(page, 'h19-04-leave-prompt');
    await page.getByTestId('leave-stay').click();
    await page.getByTestId('leave-dialog').waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/\/designer\/xinfang$/);
    await expect(page.getByTestId('prop-deadline-duration-amount').inputValue()).resolves.toBe('10');

    // 比较 saves the draft and says what changed, old → new, by name.
    await page.getByTestId('show-diff').click();
    const dialog = page.getByTestId('diff-dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('受理审查');
    expect(text).toMatch(/15\s*自然日\s*→\s*10\s*自然日/);
    await shot(page, 'h19-05-diff-dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('node-diff-note-accept_decision').innerText()).resolves.toMatch(/15\s*自然日\s*→\s*10\s*自然日/);
    await shot(page, 'h19-06-diff-on-canvas');

    // The outline lists every node by stage; a typed service node (标记终结: setData) edits its assignments in fields.
    await page.getByTestId('tab-outline').click();
    await page.getByTestId('outline-mark_final').waitFor();
    await shot(page, 'h19-06b-outline');
    await page.getByTestId('outline-mark_final').click();
    await page.getByTestId('service-params').waitFor();
    await expect(page.getByTestId('service-params').locator('textarea').count()).resolves.toBe(0);
    await page.getByTestId('service-params').scrollIntoViewIfNeeded();
    await shot(page, 'h19-06c-service-node');

    // Saved: leaving no longer asks.
    await expect(page.getByTestId('unsaved').count()).resolves.toBe(0);
    await page.getByTestId('nav-inbox').click();
    await page.waitForURL(/\/inbox/);
    await expect(page.getByTestId('leave-dialog').count()).resolves.toBe(0);
  });

  it('流程预测 of the draft for a start on 2026-09-28: 受理审查 due 10 days later over 国庆, owned by 信访办', async () => {
    const { page } = web.browser;
    await page.goto(`${web.stack.url}/designer/xinfang`);
    await page.getByTestId('open-forecast').click();
    const dialog = page.getByTestId('forecast-dialog');
    await dialog.waitFor();
    await page.getByTestId('forecast-start-day').fill('2026-09-28');
    const due = page.getByTestId('forecast-due-accept_decision');
    const expected = addPeriod('2026-09-28', 10, 'calendarDays').lastDay;
    await expect.poll(() => due.getAttribute('data-last-day')).toBe(expected);
    await expect(page.getByTestId('forecast-holidays-accept_decision').innerText()).resolves.toContain('国庆');
    const row = await page.getByTestId('forecast-step-accept_decision').innerText();
    expect(row).toContain('受理审查');
    expect(row).not.toMatch(/TWN_|VIL_/); // role names, not codes
    expect(row).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no ISO timestamps
    expect(row).not.toMatch(/\b(STAT|DEFAULT|UNCERTAIN)\b/); // provenance in words
    // The end in words: the end node's name, not its outcome code (not_accepted).
    await expect(page.getByTestId('forecast-end').innerText()).resolves.not.toMatch(/[a-z]+_[a-z]+/);
    await page.getByTestId('forecast-step-accept_decision').scrollIntoViewIfNeeded();
    await shot(page, 'h19-07-forecast');
    await page.keyboard.press('Escape');
  });

  it('新建流程 from a template on the list page opens the copy as a draft', async () => {
    const { page } = web.browser;
    await page.goto(`${web.stack.url}/designer`);
    await page.getByTestId('new-definition').click();
    await page.getByTestId('new-definition-dialog').waitFor();
    await page.getByTestId('new-definition-template').selectOption('wuyi-liangkai');
    await page.getByTestId('new-definition-title').fill('五议两公开（试点）');
    await page.getByTestId('new-definition-key').fill('wuyi-pilot');
    await shot(page, 'h19-08-new-from-template');
    await page.getByTestId('new-definition-submit').click();
    await page.waitForURL(/\/designer\/wuyi-pilot$/);
    await expect.poll(() => page.getByTestId('designer-title').innerText()).toContain('五议两公开（试点）');
    await page.getByTestId('node-search-input').waitFor();
    // The template's steps came along (村党组织提议 of 五议两公开).
    await page.getByTestId('node-propose').waitFor();
    await shot(page, 'h19-09-new-from-template-opened');

    // 流程预测 of the copy: choosing 有异议 for the 决议公开 公示 sends the case through 异议处理 and ends it later.
    await page.getByTestId('open-forecast').click();
    await page.getByTestId('forecast-dialog').waitFor();
    await page.getByTestId('forecast-end').waitFor();
    const endBefore = await page.getByTestId('forecast-end').innerText();
    expect(await page.getByTestId('forecast-step-objection_review').count()).toBe(0);
    await page.getByTestId('forecast-outcome-publish_resolution').selectOption('objections');
    await page.getByTestId('forecast-step-objection_review').waitFor();
    await expect.poll(() => page.getByTestId('forecast-end').innerText()).not.toBe(endBefore);
    await page.getByTestId('forecast-step-objection_review').scrollIntoViewIfNeeded();
    await shot(page, 'h19-09b-forecast-objection');
    await page.keyboard.press('Escape');
    await page.goto(`${web.stack.url}/designer`);
    await page.getByTestId('definition-filter-drafts').click();
    await page.getByTestId('definition-wuyi-pilot').waitFor();
    await shot(page, 'h19-10-list-drafts');
  });

  it('the start-case dialog shows the 预计时间线 of a real case started now', async () => {
    const { page } = web.browser;
    await loginAs(page, web.stack.url, 'vil_party_jingshan', DEMO_PASSWORD);
    await page.getByTestId('new-case').click();
    await page.getByTestId('new-case-procedure').selectOption('wuyi-liangkai');
    await page.getByTestId('new-case-forecast-toggle').click();
    const timeline = page.getByTestId('new-case-forecast');
    await timeline.waitFor();
    await page.getByTestId('forecast-end').waitFor();
    const text = await timeline.innerText();
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(text).not.toMatch(/\b(STAT|DEFAULT|UNCERTAIN|SEED)\b/);
    await shot(page, 'h19-11-new-case-timeline');
  });

  it('sets 驳回到任意节点, a field’s format 手机号, a 抄送 role by name and a notice’s 办结期限 by step; the diff says them in words', async () => {
    const { page } = web.browser;
    const designer = await sessionCookie(web.stack.url, 'designer');
    const def = {
      key: 'e2e-controls',
      version: 1,
      schemaVersion: 2,
      title: '村务受理（控件演示）',
      category: '测试',
      roles: [{ key: 'VIL_COMM', name: '村民委员会(主任、委员)', level: 'village' }],
      fields: [
        { key: 'matter', label: '事项', type: 'text', required: true },
        { key: 'phone', label: '联系电话', type: 'text' },
      ],
      params: [],
      nodes: [
        { id: 'start', kind: 'start', name: '发起', position: { x: 0, y: 0 } },
        { id: 'accept', kind: 'task', name: '受理', assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' }, form: ['matter', 'phone'], requiredFields: ['matter'], deadline: { duration: { amount: 5, unit: 'calendarDays' }, timeoutAction: 'none' }, position: { x: 160, y: 0 } },
        { id: 'tell', kind: 'service', name: '书面告知', action: 'notice', params: { template: 'acceptance-notice' }, position: { x: 320, y: 0 } },
        { id: 'handle', kind: 'task', name: '办理', assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' }, form: ['matter'], deadline: { duration: { amount: 30, unit: 'calendarDays' }, timeoutAction: 'none' }, operations: ['return', 'comment', 'urge'], returnTargets: ['accept'], position: { x: 480, y: 0 } },
        { id: 'copy', kind: 'service', name: '抄送监督', action: 'cc', params: { toInitiator: true }, position: { x: 640, y: 0 } },
        { id: 'end', kind: 'end', name: '办结', outcome: 'done', position: { x: 800, y: 0 } },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'accept' },
        { id: 'e2', from: 'accept', to: 'tell' },
        { id: 'e3', from: 'tell', to: 'handle' },
        { id: 'e4', from: 'handle', to: 'copy' },
        { id: 'e5', from: 'copy', to: 'end' },
      ],
    };
    await apiCall(web.stack.url, designer, 'POST', '/api/definitions/import', def);
    await apiCall(web.stack.url, designer, 'POST', '/api/definitions/e2e-controls/publish', { changeNote: '控件演示' });

    await loginAs(page, web.stack.url, 'designer', DEMO_PASSWORD);
    await page.goto(`${web.stack.url}/designer/e2e-controls`);
    await page.getByTestId('node-search-input').waitFor();
    const pick = async (id: string) => {
      await page.getByTestId('tab-outline').click();
      await page.getByTestId(`outline-${id}`).click();
      await expect.poll(() => page.getByTestId('node-props').getAttribute('data-node-id')).toBe(id);
    };

    // 办理 may send the case back to any step it has passed, not only 受理.
    await pick('handle');
    await page.getByTestId('prop-return-any').check();
    await page.getByTestId('prop-return-any').scrollIntoViewIfNeeded();
    await shot(page, 'h20-01-return-to-any');

    // 抄送: 村务监督委员会 by its name from the role catalogue (the procedure did not have it yet).
    await pick('copy');
    const ccRole = page.getByTestId('prop-svc-cc-role');
    await ccRole.selectOption({ label: '村务监督委员会' });
    await page.getByTestId('prop-svc-cc-note').fill('请村务监督委员会知悉办理结果');
    expect(await ccRole.locator('option').allInnerTexts()).not.toContain('VIL_SUPERV');
    await page.getByTestId('service-params').scrollIntoViewIfNeeded();
    await shot(page, 'h20-02-cc-role-by-name');

    // 书面告知's 办结期限 comes from 办理's statutory period: both chosen from lists.
    await pick('tell');
    await page.getByTestId('prop-svc-dueof-add').click();
    await page.getByTestId('prop-svc-dueof-key-0').selectOption({ label: '办结期限' });
    await page.getByTestId('prop-svc-dueof-node-0').selectOption({ label: '办理' });
    // Only steps with a deadline are offered, never automatic nodes.
    expect(await page.getByTestId('prop-svc-dueof-node-0').locator('option').allInnerTexts()).toEqual(['受理', '办理']);
    await page.getByTestId('prop-svc-dueof').scrollIntoViewIfNeeded();
    await shot(page, 'h20-03-notice-due-of');

    // The field 联系电话 must be a 手机号 (definition panel: nothing selected).
    await page.getByTestId('tab-props').click();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByTestId('meta-props').waitFor();
    await page.getByTestId('field-format-phone').selectOption({ label: '手机号' });
    await page.getByTestId('field-def-phone').scrollIntoViewIfNeeded();
    await shot(page, 'h20-04-field-format');

    // 比较 saves the draft; every change reads in words, no codes.
    await page.getByTestId('show-diff').click();
    const dialog = page.getByTestId('diff-dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toMatch(/驳回到任意节点[^\n]*\s*否\s*→\s*是/);
    expect(text).toMatch(/村务监督委员会/);
    expect(text).toMatch(/请村务监督委员会知悉办理结果/);
    expect(text).toMatch(/办结期限取自[^\n]*\s*（无）\s*→\s*办理/);
    expect(text).toMatch(/联系电话[^\n]*格式[^\n]*\s*（无）\s*→\s*手机号/);
    expect(text).not.toMatch(/VIL_SUPERV|returnToAny|dueOf|mobile\b/);
    await shot(page, 'h20-05-diff-in-words');
    await page.keyboard.press('Escape');
    // The draft kept them: the saved definition has the role declared and the values set.
    const saved = await apiCall<{ roles: { key: string }[]; fields: { key: string; format?: string }[]; nodes: { id: string; returnToAny?: boolean; params?: Record<string, unknown> }[] }>(web.stack.url, designer, 'GET', '/api/definitions/e2e-controls/draft');
    expect(saved.roles.map((r) => r.key)).toContain('VIL_SUPERV');
    expect(saved.fields.find((f) => f.key === 'phone')?.format).toBe('mobile');
    expect(saved.nodes.find((n) => n.id === 'handle')?.returnToAny).toBe(true);
    expect(saved.nodes.find((n) => n.id === 'tell')?.params).toMatchObject({ dueOf: 'handle' });
    expect(saved.nodes.find((n) => n.id === 'copy')?.params).toMatchObject({ toRole: 'VIL_SUPERV', note: '请村务监督委员会知悉办理结果' });
  });
});
