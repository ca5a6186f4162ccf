/**
 * Issue 19, 试运行 in Chromium: a 流程管理员 changes the draft of 村务公开, plays it as a sandbox
 * case, moves the sandbox clock until the first step turns yellow, does each step as its stand-in,
 * records an objection during the 公示, moves the clock past the 公示's end, and answers the
 * objection — the case ends, and no real case or inbox ever saw it.
 */
import { describe, expect, it } from 'vitest';
import { apiCall, DEMO_PASSWORD, loginAs, sessionCookie, shot, useWebStack } from './web.js';
import { playDefinition } from '../../testkit/play-fixtures.js';

const web = useWebStack();

describe('试运行: play a draft through a 公示 with an objection to its end', () => {
  it('plays 村务公开 on its own clock, step by step, as the stand-ins', async () => {
    const { page } = web.browser;
    await loginAs(page, web.stack.url, 'designer', DEMO_PASSWORD);
    await page.goto(`${web.stack.url}/designer/cunwu-gongkai`);
    await page.getByTestId('node-search-input').waitFor();
    // A change to try out: the 监委会 gets 3 days instead of 5.
    await page.getByTestId('node-search-input').fill('村务监督委员会审核');
    await page.keyboard.press('Enter');
    await page.getByTestId('prop-deadline-duration-amount').fill('3');
    await page.getByTestId('unsaved').waitFor();

    await page.getByTestId('open-play').click();
    const dialog = page.getByTestId('play-dialog');
    await dialog.waitFor();
    await expect.poll(() => page.getByTestId('play-unit').inputValue()).not.toBe('');
    await shot(page, 'h19-play-01-setup');
    await page.getByTestId('play-start').click();
    const running = page.getByTestId('play-running');
    await running.waitFor({ timeout: 90_000 });
    const first = running.getByTestId('play-step').first();
    await expect(first.locator('strong').first().innerText()).resolves.toContain('编制本季度村务公开内容');
    await expect(first.getAttribute('data-health')).resolves.toBe('green');
    const clockBefore = await page.getByTestId('play-clock').innerText();

    // The clock to the step's warning point: it turns yellow with nobody acting.
    await page.getByTestId('play-advance-next').click();
    await expect.poll(() => first.getAttribute('data-health'), { timeout: 20_000 }).toBe('yellow');
    expect(await page.getByTestId('play-clock').innerText()).not.toBe(clockBefore);
    await shot(page, 'h19-play-02-yellow');

    // 村委 drafts the content; the (shortened) 监委会 review approves it.
    await first.getByTestId('input-content').fill('2026年第四季度村级财务收支及惠农补贴发放情况');
    await first.getByTestId('play-action-submit').click();
    const review = running.locator('[data-testid="play-step"][data-node="superv_review"]');
    await review.waitFor();
    await review.getByTestId('input-review_opinion').fill('内容真实完整，同意公布');
    await review.getByTestId('play-action-approve').click();

    // The 公示: a villager objects.
    const publicity = running.getByTestId('play-publicity');
    await publicity.waitFor();
    await publicity.getByTestId('play-objection-text').fill('第三项支出没有附票据');
    await publicity.getByTestId('play-objection-submit').click();
    await publicity.getByTestId('play-objections').waitFor();
    await shot(page, 'h19-play-03-objection');
    await expect(page.getByTestId('play-notices').innerText()).resolves.toContain('公示异议');

    // The clock past the 公示's end: the objection goes to the 监委会.
    const check = running.locator('[data-testid="play-step"][data-node="objection_check"]');
    for (let i = 0; i < 6 && !(await check.count()); i++) {
      await page.getByTestId('play-advance-next').click();
      await page.waitForTimeout(300);
      await expect.poll(() => page.getByTestId('play-advance-next').isDisabled().then((d) => !d), { timeout: 20_000 }).toBe(true);
    }
    await check.waitFor();
    await check.getByTestId('input-objection_finding').fill('票据已补附，重新张贴');
    await check.getByTestId('play-action-answered').click();
    await expect.poll(() => running.getAttribute('data-status'), { timeout: 20_000 }).toBe('completed');
    await expect(page.getByTestId('play-status').innerText()).resolves.toContain('已办结');
    await shot(page, 'h19-play-04-ended');

    // What the designer read: names and times in words, never a stand-in's id or an ISO instant.
    const text = await dialog.innerText();
    expect(text).toContain('村务监督委员会（试运行）');
    expect(text).not.toMatch(/play-u\d|play-public|\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(text).toContain('公示异议');

    // Nothing reached the real cases.
    const cases = await page.evaluate(async () => (await fetch('/api/cases?pageSize=200')).text());
    expect(cases).not.toContain('试运行');
  });

  it('plays an imported draft with a meeting vote: the tally with its rules and live preview, the 监票人\'s confirmation, a 公示 without objection to its end', async () => {
    const { page } = web.browser;
    const admin = await sessionCookie(web.stack.url, 'designer');
    const draft = await apiCall<{ key: string }>(web.stack.url, admin, 'POST', '/api/definitions/import', playDefinition('e2e-play-vote'));
    await loginAs(page, web.stack.url, 'designer', DEMO_PASSWORD);
    await page.goto(`${web.stack.url}/designer/${draft.key}`);
    await page.getByTestId('open-play').click();
    await expect.poll(() => page.getByTestId('play-unit').inputValue()).not.toBe('');
    await page.getByTestId('play-start').click();
    const running = page.getByTestId('play-running');
    await running.waitFor({ timeout: 90_000 });
    const first = running.locator('[data-testid="play-step"][data-node="draft"]');
    await first.getByTestId('input-content').fill('村道硬化工程预算公开');
    await first.getByTestId('play-action-complete').click();

    // The teller's tally, with the vote's rules and a live preview by the engine's own rule.
    const vote = running.locator('[data-testid="play-step"][data-node="meeting"]');
    await vote.getByTestId('vote-rules').waitFor();
    const counts = { entitled: 30, present: 24, yes: 15, no: 6, abstain: 3 };
    for (const [k, v] of Object.entries(counts)) await vote.getByTestId(`tally-default-${k}`).fill(String(v));
    await expect.poll(() => vote.getByTestId('tally-preview-outcome').innerText()).toContain('通过');
    await shot(page, 'h19-play-05-tally');
    await vote.getByTestId('submit-tally').click();
    // Then the 监票人 (another stand-in) confirms it.
    await vote.getByTestId('confirm-tally').click();
    const publicity = running.getByTestId('play-publicity');
    await publicity.waitFor();
    // No objection: the clock past the 公示's end and the case is 已办结 as 已公开.
    for (let i = 0; i < 6 && (await running.getAttribute('data-status')) === 'running'; i++) {
      await page.getByTestId('play-advance-next').click();
      await page.waitForTimeout(300);
      // Answered: the case moved on (or ended) and the buttons are back.
      await expect.poll(async () => (await running.getAttribute('data-status')) !== 'running' || !(await page.getByTestId('play-advance-hour').isDisabled()), { timeout: 20_000 }).toBe(true);
    }
    await expect.poll(() => running.getAttribute('data-status'), { timeout: 20_000 }).toBe('completed');
    expect(await page.getByTestId('play-status').innerText()).toContain('已办结');
    expect(await page.getByTestId('timeline').innerText()).toMatch(/监票/);
    await shot(page, 'h19-play-06-vote-ended');
  });
});
