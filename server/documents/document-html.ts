/**
 * One renderer for every document a case shows — a generated notice, a meeting record, the
 * 审批单: print-ready HTML from a DocumentBody. The browser prints it (its @page rules), and the
 * PDF is Chromium printing the same HTML (pdf.ts), so screen, paper and PDF never differ.
 */
import type { DocumentBlock, DocumentBody } from '../../activities/types.js';
import { PRINT_CSS } from './print-assets.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function block(b: DocumentBlock): string {
  switch (b.kind) {
    case 'salutation':
      return `<p class="doc-salutation">${esc(b.text)}</p>`;
    case 'paragraph':
      return `<p class="doc-p">${esc(b.text)}</p>`;
    case 'table': {
      const head = b.header ? `<thead><tr>${b.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` : '';
      const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${!b.header && i === 0 ? ' class="label"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('');
      return `<table class="doc-table">${head}<tbody>${rows}</tbody></table>`;
    }
    case 'signatures':
      return `<div class="doc-signatures">${b.items.map((i) => `<span>${esc(i)}</span>`).join('')}</div>`;
    default: {
      const never: never = b;
      return String(never);
    }
  }
}

export interface HtmlOptions {
  /** 'link': the stylesheet from /api/documents/print.css (the CSP allows no inline style); 'inline' for the PDF. */
  css: 'link' | 'inline';
  /** The screen toolbar (hidden in print): 打印, 下载 PDF, back to the case. */
  toolbar?: { pdfHref: string; caseHref: string; labels: { print: string; pdf: string; back: string } };
  lang?: 'zh-CN' | 'en';
}

export function documentHtml(body: DocumentBody, opts: HtmlOptions): string {
  const style = opts.css === 'inline' ? `<style>${PRINT_CSS}</style>` : '<link rel="stylesheet" href="/api/documents/print.css">';
  const toolbar = opts.toolbar
    ? `<nav class="toolbar"><button type="button" id="print-button" class="primary">${esc(opts.toolbar.labels.print)}</button><a href="${esc(opts.toolbar.pdfHref)}" download data-testid="document-pdf">${esc(opts.toolbar.labels.pdf)}</a><a href="${esc(opts.toolbar.caseHref)}">${esc(opts.toolbar.labels.back)}</a></nav><script src="/api/documents/print.js" defer></script>`
    : '';
  return `<!doctype html>
<html lang="${opts.lang ?? 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(body.heading)}</title>${style}</head>
<body>${toolbar}<main class="sheet" data-testid="document-sheet">
<h1 class="doc-heading">${esc(body.heading)}</h1>
${body.number ? `<p class="doc-number">${esc(body.number)}</p>` : ''}
${body.blocks.map(block).join('\n')}
<div class="doc-signoff">${body.signOff.map((l) => `<div>${esc(l)}</div>`).join('')}</div>
${body.footer?.length ? `<div class="doc-footer">${body.footer.map((l) => `<div>${esc(l)}</div>`).join('')}</div>` : ''}
</main></body></html>`;
}
