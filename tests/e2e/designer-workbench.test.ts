/**
 * Issue 19, part A in Chromium: a 流程管理员 finds 受理审查 in 信访 by search and shortens its
 * deadline, is asked before leaving with the edit unsaved, sees the change old → new in the diff
 * and on the canvas, previews the due dates of a case started on 2026-09-28 (across 国庆), and
 * creates a procedure from a template on the list page; a 村党组织 member sees the 预计时间线 when
 * starting a case.
 */
import { describe, expect, it } from 'vitest';
import { addPeriod } from '../../activities/business-calendar.js';
import { DEMO_PASSWORD, loginAs, shot, useWebStack } from './web.js';

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
});
