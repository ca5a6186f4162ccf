/**
 * Walks the web app as one signed-in user, the way they would find their pages: the navigation,
 * each inbox tab, the tasks and cases listed there, the case list, the monitor and its process
 * views, the designer and a definition, the notifications, the start dialog. Returns the text a
 * person sees on each (visible text, option labels, tooltips, placeholders and accessible names)
 * for the raw-text check.
 */
import type { Page } from 'playwright-core';

export interface VisitedPage {
  /** Path and query, or a name for a panel or dialog ("/inbox#bell"). */
  where: string;
  text: string;
  /** The page's own words (chromeText), when the walk collects them. */
  chrome?: string;
}

export interface WalkOptions {
  /** At most this many task pages and case pages each (distinct procedures first). */
  perList?: number;
  /** Also collect each page's chrome text (the English-mode check). */
  chrome?: boolean;
  /** Open definitions in the designer (default true). */
  designerDefinitions?: boolean;
}

/** The text a person meets on the page now: what is shown, and what is read out or hovered. */
export async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.title, document.body.innerText];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[title], [placeholder], [aria-label], img[alt]'))) {
      for (const a of ['title', 'placeholder', 'aria-label', 'alt']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    // A closed <select> shows one option; a person opens it and reads the others.
    for (const o of Array.from(document.querySelectorAll('option'))) parts.push(o.textContent ?? '');
    return parts.join('\n');
  });
}

/**
 * The page's own words, not the people's data: navigation, headings, buttons, labels, tabs, table
 * headers, empty states, tooltips and placeholders — each without what is inside
 * `translate="no"` (HTML's mark for text that is not to be translated: case titles, names, units,
 * procedure and step names, a definition's field labels and actions). One line per element.
 */
export async function chromeText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const CHROME = 'nav a, nav button, h1, h2, h3, h4, h5, th, button, label, legend, summary, option, [role="tab"], .empty, .empty-state, [data-empty]';
    // The process canvas (React Flow) draws the definition's node and edge names: data, left out.
    const isData = (el: Element) => !!el.closest('[translate="no"], .react-flow');
    const lines: string[] = [document.title];
    const own = (el: Element): string => {
      let s = '';
      for (const n of Array.from(el.childNodes)) {
        if (n.nodeType === Node.TEXT_NODE) s += n.textContent ?? '';
        else if (n.nodeType === Node.ELEMENT_NODE) {
          const e = n as HTMLElement;
          if (e.getAttribute('translate') === 'no' || e.hidden || getComputedStyle(e).display === 'none') continue;
          // Form controls inside a label show their value, not the label's words.
          if (/^(SELECT|INPUT|TEXTAREA)$/.test(e.tagName)) continue;
          s += ` ${own(e)} `;
        }
      }
      return s.replace(/\s+/g, ' ').trim();
    };
    for (const el of Array.from(document.querySelectorAll(CHROME))) {
      if (isData(el)) continue;
      const box = (el as HTMLElement).getBoundingClientRect?.();
      if (el.tagName !== 'OPTION' && box && box.width === 0 && box.height === 0) continue;
      const t = own(el);
      if (t) lines.push(t);
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[title], [placeholder], [aria-label]'))) {
      if (isData(el)) continue;
      for (const a of ['title', 'placeholder', 'aria-label']) {
        const v = el.getAttribute(a);
        if (v) lines.push(v);
      }
    }
    return lines.join('\n');
  });
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Lazy pages show 加载中… first; wait until nothing is loading.
  await page
    .waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 15_000 })
    .catch(() => undefined);
}

async function visit(page: Page, baseUrl: string, path: string, chrome: boolean): Promise<VisitedPage> {
  await page.goto(`${baseUrl}${path}`);
  await settle(page);
  return snapshot(page, path, chrome);
}

async function snapshot(page: Page, where: string, chrome: boolean): Promise<VisitedPage> {
  return { where, text: await pageText(page), ...(chrome ? { chrome: await chromeText(page) } : {}) };
}

async function hrefs(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? '').filter(Boolean));
}

/** Links to task or case pages, one per procedure first (their pages differ), then the rest. */
async function spread(page: Page, selector: string, n: number): Promise<string[]> {
  const rows = await page.locator(selector).evaluateAll((els) =>
    els.map((e) => ({ href: e.getAttribute('href') ?? '', group: e.closest('[data-procedure]')?.getAttribute('data-procedure') ?? e.getAttribute('href') ?? '' })),
  );
  const picked: string[] = [];
  const groups = new Set<string>();
  for (const r of rows) if (r.href && !groups.has(r.group) && picked.length < n) (groups.add(r.group), picked.push(r.href));
  for (const r of rows) if (r.href && !picked.includes(r.href) && picked.length < n) picked.push(r.href);
  return picked;
}

/** Every page a user reaches from the navigation, with the text on each. */
export async function walkAs(page: Page, baseUrl: string, opts: WalkOptions = {}): Promise<VisitedPage[]> {
  const n = opts.perList ?? 2;
  const out: VisitedPage[] = [];
  await page.goto(`${baseUrl}/`);
  await settle(page);
  const nav = await hrefs(page, 'nav a');
  const seen = new Set<string>();
  const go = async (path: string): Promise<void> => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push(await visit(page, baseUrl, path, !!opts.chrome));
  };

  // The bell's panel, on the first page.
  if (await page.getByTestId('bell').count()) {
    await page.getByTestId('bell').click();
    await page.getByTestId('bell-panel').waitFor();
    out.push(await snapshot(page, `${new URL(page.url()).pathname}#bell`, !!opts.chrome));
    await page.getByTestId('bell').click();
  }

  if (nav.includes('/inbox')) {
    const tasks: string[] = [];
    const cases: string[] = [];
    for (const tab of ['', '?tab=done', '?tab=cc', '?tab=mine']) {
      await go(`/inbox${tab}`);
      if (!(await page.getByTestId('inbox').count())) continue;
      const links = await spread(page, '[data-testid="inbox-item"] a', n);
      for (const l of links) (l.startsWith('/tasks/') ? tasks : cases).push(l);
    }
    // Starting a case: the dialog with its procedures, units and parameter notes.
    await go('/inbox');
    if (await page.getByTestId('new-case').count()) {
      await page.getByTestId('new-case').click();
      await page.getByTestId('new-case-dialog').waitFor();
      await settle(page);
      // The parameters with their provenance notes.
      if (await page.getByTestId('new-case-params-toggle').count()) await page.getByTestId('new-case-params-toggle').click();
      out.push(await snapshot(page, '/inbox#new-case', !!opts.chrome));
    }
    for (const t of tasks.slice(0, n)) await go(t);
    for (const c of cases.slice(0, n)) await go(c);
  }
  await go('/cases');
  if (await page.getByTestId('case-list').count()) for (const c of await spread(page, '[data-testid="case-row-link"]', n)) await go(c);

  if (nav.includes('/monitor')) {
    await go('/monitor');
    for (const c of (await spread(page, '[data-testid="overdue-table"] [data-testid="case-row-link"]', 1)).slice(0, 1)) await go(c);
    // The bulk preview (延期 by working days) is where raw due times used to show.
    await go('/monitor');
    const boxes = page.locator('[data-testid="overdue-table"] input[type="checkbox"]');
    if ((await boxes.count()) > 0 && (await page.getByTestId('bulk-open').count())) {
      await boxes.first().check();
      await page.getByTestId('bulk-open').click();
      if (await page.getByTestId('bulk-dialog').count()) {
        await page.getByTestId('bulk-op').selectOption('extend');
        await page.getByTestId('bulk-reason').fill('检查');
        await page.getByTestId('bulk-preview').click();
        await page.getByTestId('bulk-preview-table').waitFor();
        out.push(await snapshot(page, '/monitor#bulk-preview', !!opts.chrome));
        // Close it without applying (the next role signs out through the header).
        await page.keyboard.press('Escape');
        await page.getByTestId('bulk-dialog').waitFor({ state: 'detached' });
      }
    }
  }
  // Every other page the navigation offers (统计报表, 外出委托, …).
  for (const h of nav) if (h.startsWith('/') && h !== '/designer') await go(h);
  if (nav.includes('/designer')) {
    await go('/designer');
    const opens = await hrefs(page, '[data-testid^="open-"]');
    const views = await hrefs(page, '[data-testid^="process-"]');
    if (opts.designerDefinitions !== false) {
      // 信访 first when offered: it has the most kinds of nodes (notices with 办结期限 and 办理日期 among them).
      const first = [...opens.filter((o) => o.endsWith('/xinfang')), ...opens.filter((o) => !o.endsWith('/xinfang'))];
      for (const o of first.slice(0, n)) {
        await go(o);
        // The property panel of one node of each kind and service action (task, vote, notice, 抄送 …), picked from the outline.
        if (!(await page.getByTestId('tab-outline').count())) continue;
        await page.getByTestId('tab-outline').click();
        const items = await page.locator('[data-testid^="outline-"][data-kind]').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-testid') ?? '', kind: e.getAttribute('data-kind') ?? '' })));
        const kinds = new Set<string>();
        for (const item of items) {
          if (kinds.has(item.kind)) continue;
          kinds.add(item.kind);
          await page.getByTestId('tab-outline').click();
          await page.getByTestId(item.id).click();
          await page.getByTestId('node-props').waitFor();
          out.push(await snapshot(page, `${o}#${item.id.replace('outline-', '')}`, !!opts.chrome));
        }
      }
      for (const v of views.slice(0, 1)) await go(v);
    }
  }
  return out;
}
