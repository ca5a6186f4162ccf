/**
 * The administrator sees where a statutory deadline counts from and when it would fall, in real
 * Chromium: 信访 受理审查 counts from the receipt, its ceiling is 15 days (20 is refused on the
 * spot), a petition received 2026-12-17 is due on 2027-01-04 (元旦 2027 counted, 调休 flagged);
 * 办理 counts from 受理 with a 90-day cap, and an anchor on a later step is refused.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, shot, useWebStack } from './web.js';

const web = useWebStack();

describe('designer: deadlines that count from the event the law names', () => {
  it('信访 受理审查: ceiling 15 days, 20 is an error at the field; the preview for 2026-12-17 is Mon 2027-01-04 with the unpublished 调休 flagged', async () => {
    const { page } = web.browser;
    await loginAs(page, web.stack.url, 'designer', DEMO_PASSWORD);
    await page.getByTestId('nav-designer').click();
    await page.getByTestId('open-xinfang').click();
    await page.getByTestId('fit-all').click();
    await page.getByTestId('node-accept_decision').click();
    await expect.poll(() => page.getByTestId('node-props').getAttribute('data-node-id')).toBe('accept_decision');

    const props = page.getByTestId('node-props');
    await expect(props.getByTestId('prop-deadline-anchor-kind').inputValue()).resolves.toBe('caseStarted');
    await expect(props.getByTestId('prop-deadline-bounds').innerText()).resolves.toContain('法定上限 15 自然日');

    await props.getByTestId('deadline-preview-date').fill('2026-12-17');
    await expect.poll(() => props.getByTestId('deadline-preview-due').innerText()).toContain('2027年1月4日');
    await expect(props.getByTestId('deadline-preview-warning').first().innerText()).resolves.toContain('2027年放假调休安排尚未公布');

    await props.getByTestId('prop-deadline-duration-amount').fill('20');
    await expect.poll(async () => (await props.getByTestId('field-error').allInnerTexts()).join(' '), { timeout: 10_000 }).toContain('超过法定上限 15日');
    await shot(page, '40-designer-deadline-ceiling');
    await props.getByTestId('prop-deadline-duration-amount').fill('15');
    await expect.poll(async () => (await props.getByTestId('field-error').allInnerTexts()).join(' '), { timeout: 10_000 }).not.toContain('法定上限');
  });

  it('信访 办理 counts from 受理 (capped at 90 days); pointing it at a later step is refused', async () => {
    const { page } = web.browser;
    await page.getByTestId('node-handle').click();
    await expect.poll(() => page.getByTestId('node-props').getAttribute('data-node-id')).toBe('handle');
    const props = page.getByTestId('node-props');
    await expect(props.getByTestId('prop-deadline-anchor-kind').inputValue()).resolves.toBe('nodeCompleted');
    await expect(props.getByTestId('prop-deadline-anchor-node').inputValue()).resolves.toBe('accept_decision');
    await expect(props.getByTestId('prop-deadline-cap').innerText()).resolves.toContain('不超过 90 自然日');
    await props.getByTestId('deadline-preview-date').fill('2026-09-01');
    // 9/1 + 60 = 10/31 (Sat) → Mon 11/2, assuming 受理 on the start day.
    await expect.poll(() => props.getByTestId('deadline-preview-due').innerText()).toContain('2026年11月2日');
    await expect(props.getByTestId('deadline-preview-assumption').innerText()).resolves.toContain('受理审查');
    await shot(page, '41-designer-deadline-anchor');

    await props.getByTestId('prop-deadline-anchor-node').selectOption('revisit');
    await expect.poll(async () => (await props.getByTestId('field-error').allInnerTexts()).join(' '), { timeout: 10_000 }).toContain('并非每条到达本环节的路径都先经过它');
    await props.getByTestId('prop-deadline-anchor-kind').selectOption('taskOpened');
    await expect.poll(() => props.getByTestId('deadline-preview-due').innerText()).toContain('自本环节开始起算');
  });
});
