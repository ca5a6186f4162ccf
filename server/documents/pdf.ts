/**
 * Documents as PDF: Chromium (Debian's, via playwright-core) prints the same HTML the browser
 * prints — the CSS @page rules, the CJK font of the machine embedded as a subset. Chosen over
 * pdfkit/pdf-lib, which would need a second layout of every document by hand (line breaking of
 * Chinese text, tables, the sign-off) that could drift from the printed page.
 *
 * The browser starts on the first PDF and stops after a minute without one; pages run with
 * JavaScript off and every network request refused (the HTML is self-contained). Without Chromium
 * the server still runs: a PDF request answers 503 PDF_UNAVAILABLE and printing from the browser
 * (打印 → 另存为 PDF) still works. Path: env CHROMIUM_PATH, else /usr/bin/chromium.
 *
 * The print stylesheet names AR PL UMing CN first (TrueType outlines), which Chromium embeds as a
 * CIDFontType2 subset with a ToUnicode map. Characters it lacks fall back to Noto CJK, which
 * Chromium can only write as Type 3 fonts (CFF outlines) whose ToUnicode maps send glyphs shared
 * with CJK radicals to the radicals; pdf-tounicode.ts maps them back so that the PDF's text can be
 * searched and copied.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { repairPdfText } from './pdf-tounicode.js';

export interface PdfRenderer {
  /** Whether a Chromium binary is there. */
  available(): boolean;
  render(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

const IDLE_MS = 60_000;

export function createPdfRenderer(opts: { executablePath?: string; log?: { warn(obj: object, msg: string): void } } = {}): PdfRenderer {
  const path = opts.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser: Promise<Browser> | undefined;
  let idle: NodeJS.Timeout | undefined;
  let busy = 0;

  const launch = (): Promise<Browser> => {
    browser ??= import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath: path, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] }),
    );
    browser.catch(() => (browser = undefined));
    return browser;
  };
  const stopSoon = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => {
      if (busy === 0) void close();
    }, IDLE_MS);
    idle.unref();
  };
  const close = async () => {
    if (idle) clearTimeout(idle);
    const b = browser;
    browser = undefined;
    await (await b?.catch(() => undefined))?.close().catch(() => undefined);
  };

  return {
    available: () => existsSync(path),
    async render(html) {
      busy += 1;
      try {
        const b = await launch();
        const context = await b.newContext({ javaScriptEnabled: false, offline: true });
        try {
          const page = await context.newPage();
          await page.route('**/*', (route) => route.abort());
          await page.setContent(html, { waitUntil: 'load' });
          await page.evaluate(() => document.fonts.ready).catch(() => undefined);
          return repairPdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        } finally {
          await context.close();
        }
      } finally {
        busy -= 1;
        stopSoon();
      }
    },
    close,
  };
}
