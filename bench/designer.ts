/**
 * Benchmark (e): the designer with a 300-node definition in real Chromium (playwright-core,
 * /usr/bin/chromium).
 * - interactive: from navigation until the canvas shows its first view — a node near the start is
 *   drawn — and a click on that node opens its properties. The designer opens readable at the
 *   start node (the whole graph only when it fits readably) and draws only the nodes in view.
 * - 全图: from a click on 全图 until all 300 nodes are drawn, and open + 全图 together (the whole
 *   graph on screen, comparable with the earlier "every node drawn" measure).
 * - the elk auto-layout (button), cold (right after the first open; elk is started in a worker
 *   when the page is idle) and warm; and opening a definition without positions, which lays it
 *   out on open (until the laid-out first view is drawn and a click on a node opens it).
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../temporal/temporal-binary.js';
import { largeDefinition } from './fixtures.js';
import { pathToFileURL } from 'node:url';
import type { ApiClient } from './lib/api-client.js';
import { round, summarize, type Row, type Summary } from './lib/stats.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DesignerResult {
  nodes: number;
  interactiveMs: Summary;
  /** Click on 全图 until every node is drawn. */
  fitAllMs: Summary;
  /** Navigation until interactive, plus 全图 until every node is drawn. */
  openAndFitAllMs: Summary;
  autoLayoutColdMs: number;
  autoLayoutWarmMs: Summary;
  openWithoutPositionsMs: Summary;
  /** The designer's own layout function (elkjs, same options) run in Node: the algorithm alone. */
  elkAlgorithmMs: Summary;
}

/** Times designer/src/designer/graph/layout.ts on the 300-node graph outside the browser. */
async function elkInNode(runs: number): Promise<number[]> {
  const def = largeDefinition(300, false);
  // Loaded by path: the designer has its own tsconfig (bundler resolution), not the root one.
  const layoutModule = pathToFileURL(join(PROJECT_ROOT, 'designer', 'src', 'designer', 'graph', 'layout.ts')).href;
  const { layoutPositions } = (await import(layoutModule)) as { layoutPositions: (doc: unknown) => Promise<Record<string, { x: number; y: number }>> };
  const doc = {
    nodes: def.nodes.map((n) => ({ id: n.id, position: { x: 0, y: 0 }, data: { node: n } })),
    edges: def.edges.map((e) => ({ id: e.id, source: e.from, target: e.to })),
  };
  await layoutPositions(doc); // loads elk
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await layoutPositions(doc);
    out.push(performance.now() - t0);
  }
  return out;
}

async function nodeTransforms(page: Page, ids: string[]): Promise<string[]> {
  return page.evaluate((list) => list.map((id) => (document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement | null)?.style.transform ?? ''), ids);
}

async function timeLayoutClick(page: Page, probe: string[]): Promise<number> {
  const before = await nodeTransforms(page, probe);
  const t0 = Date.now();
  await page.click('[data-testid="auto-layout"]');
  await page.waitForFunction(
    // A node not drawn (off screen) reads as '', as in nodeTransforms.
    ({ ids, prev }) => ids.some((id, i) => ((document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement | null)?.style.transform ?? '') !== prev[i]),
    { ids: probe, prev: before },
    { timeout: 60_000, polling: 'raf' },
  );
  const ms = Date.now() - t0;
  if (process.env.BENCH_DEBUG) console.log('layout click', ms, 'ms', before, '→', await nodeTransforms(page, probe));
  return ms;
}

export async function benchDesigner(base: string, admin: ApiClient, runs: number): Promise<{ result: DesignerResult; rows: Row[] }> {
  const positioned = { ...largeDefinition(300, true), key: 'bench-large' };
  const bare = { ...largeDefinition(300, false), key: 'bench-large-nopos' };
  for (const def of [positioned, bare]) {
    const r = await admin.put(`/api/definitions/${def.key}/draft`, def);
    if (r.status !== 200) throw new Error(`draft ${def.key}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const [name, value] = admin.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    // A fresh tab per measurement: the designer asks before leaving unsaved edits (beforeunload),
    // which would keep a second navigation in the same tab on the old page.
    let page: Page = await context.newPage();
    const freshPage = async (): Promise<Page> => {
      await page.close({ runBeforeUnload: false });
      page = await context.newPage();
      return page;
    };
    const count = positioned.nodes.length;
    const probe = ['t1', 't2', 't3', 'done'];
    // A node a few steps after the start: in the first view of either definition.
    const target = 't3';

    /** Until `target` is drawn (optionally: somewhere else than `notAt`), then a click on it opens its properties. */
    const untilInteractive = async (notAt?: string): Promise<void> => {
      await page.waitForFunction(
        ({ id, notAt: avoid }) => {
          const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
          return !!el && (avoid === undefined || el.style.transform !== avoid);
        },
        { id: target, notAt },
        { timeout: 120_000, polling: 50 },
      );
      await page.locator(`.react-flow__node[data-id="${target}"]`).click({ force: true });
      await page.waitForSelector(`[data-testid="node-props"][data-node-id="${target}"]`, { timeout: 60_000 });
    };

    const openUntilInteractive = async (key: string): Promise<number> => {
      await freshPage();
      const t0 = Date.now();
      await page.goto(`${base}/designer/${key}`, { waitUntil: 'commit' });
      await untilInteractive();
      return Date.now() - t0;
    };

    const fitAllUntilDrawn = async (): Promise<number> => {
      const t0 = Date.now();
      await page.click('[data-testid="fit-all"]');
      await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, count, { timeout: 120_000, polling: 50 });
      return Date.now() - t0;
    };

    const interactive: number[] = [];
    const fitAll: number[] = [];
    const openAndFitAll: number[] = [];
    const warm: number[] = [];
    let cold = Number.NaN;
    // Cold first open (JS parse, elk not loaded yet), then warm opens.
    for (let i = 0; i < runs + 1; i++) {
      const ms = await openUntilInteractive('bench-large');
      if (i > 0 || runs === 1) interactive.push(ms);
      if (i === 0) {
        cold = await timeLayoutClick(page, probe);
        for (let k = 0; k < runs; k++) {
          await page.click('[data-testid="undo"]');
          await page.waitForTimeout(300);
          warm.push(await timeLayoutClick(page, probe));
        }
      } else {
        const f = await fitAllUntilDrawn();
        fitAll.push(f);
        openAndFitAll.push(ms + f);
      }
    }
    const nopos: number[] = [];
    // Before the layout the nodes stand in a row, 220 px apart (convert.ts): t3 is the 4th node.
    const placeholder = `translate(${3 * 220}px, 0px)`;
    for (let i = 0; i < runs; i++) {
      // Nodes without positions: the page lays them out, then shows the first view.
      await freshPage();
      const t0 = Date.now();
      await page.goto(`${base}/designer/bench-large-nopos`, { waitUntil: 'commit' });
      await untilInteractive(placeholder);
      nopos.push(Date.now() - t0);
    }
    if (nopos.length === 0) throw new Error('no run of the layout-on-open case');
    const elk = summarize(await elkInNode(Math.max(3, runs * 2)));
    if (fitAll.length === 0) fitAll.push(await fitAllUntilDrawn());
    const result: DesignerResult = {
      elkAlgorithmMs: elk,
      nodes: count,
      interactiveMs: summarize(interactive),
      fitAllMs: summarize(fitAll),
      openAndFitAllMs: summarize(openAndFitAll.length ? openAndFitAll : interactive.map((x) => x + fitAll[0]!)),
      autoLayoutColdMs: cold,
      autoLayoutWarmMs: summarize(warm),
      openWithoutPositionsMs: summarize(nopos),
    };
    const rows: Row[] = [
      { metric: `designer: ${count}-node definition interactive (first view), p50 (ms)`, value: String(round(result.interactiveMs.p50, 0)), target: '≤ 1000', met: result.interactiveMs.p50 <= 1000, note: `max ${round(result.interactiveMs.max, 0)} ms over ${interactive.length} opens` },
      { metric: `designer: 全图 until all ${count} nodes are drawn, p50 (ms)`, value: String(round(result.fitAllMs.p50, 0)) },
      { metric: `designer: open + 全图 (every node drawn), p50 (ms)`, value: String(round(result.openAndFitAllMs.p50, 0)) },
      { metric: 'designer: auto-layout, first use incl. loading elk (ms)', value: String(round(cold, 0)), target: '≤ 1000', met: cold <= 1000 },
      { metric: 'designer: auto-layout, warm p50 (ms)', value: String(round(result.autoLayoutWarmMs.p50, 0)), target: '≤ 1000', met: result.autoLayoutWarmMs.p50 <= 1000 },
      { metric: 'designer: open without positions (layout on open), p50 (ms)', value: String(round(result.openWithoutPositionsMs.p50, 0)) },
      { metric: 'elk layout algorithm alone (Node, same options), p50 (ms)', value: String(round(elk.p50, 0)), target: '≤ 1000', met: elk.p50 <= 1000 },
    ];
    return { result, rows };
  } catch (err) {
    // Leave a picture of what the page showed: a failed benchmark must say why.
    const pages = browser.contexts().flatMap((c) => c.pages());
    const shot = join(PROJECT_ROOT, 'bench', 'results', 'designer-failure.png');
    await pages[0]?.screenshot({ path: shot }).catch(() => undefined);
    const text = await pages[0]?.evaluate(() => document.body.innerText.slice(0, 500)).catch(() => '');
    throw new Error(`designer benchmark failed at ${pages[0]?.url()}: ${(err as Error).message}\npage text: ${text}\nscreenshot: ${shot}`);
  } finally {
    await browser.close();
  }
}
