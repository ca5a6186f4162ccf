/**
 * The print stylesheet of every document (served at /api/documents/print.css, inlined for the
 * PDF) and the one line of script behind the 打印 button (served, never inline: the CSP allows no
 * inline script). Layout after GB/T 9704-2012 (党政机关公文格式): A4, 37 mm top and 28 mm binding
 * margin, body in 三号 (16 pt) serif with 28 characters a line, heading in 二号 (22 pt).
 * AR PL UMing CN (fonts-arphic-uming, a 明体/宋体 with TrueType outlines covering GB2312: 7444 of its
 * 7445 characters, every hanzi) stands in for 仿宋/小标宋: Chromium embeds a TrueType font in the PDF
 * as a CIDFontType2 subset, where the CFF-outlined Noto CJK came out as Type 3 glyph procedures
 * (4.5 times the bytes, and no real font for a reader to find). Noto Serif CJK SC (fonts-noto-cjk)
 * follows for anything UMing lacks and on machines without it. UMing has one weight:
 * `font-synthesis: none` keeps Chromium from faking bold, which it can only write as Type 3 outlines,
 * so the heading's weight comes from its size as in a 小标宋 heading.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html { font-family: "AR PL UMing CN", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "Noto Sans CJK SC", serif; font-size: 16pt; font-synthesis: none; line-height: 1.75; color: #000; background: #fff; }
body { margin: 0; }
.sheet { width: 156mm; margin: 0 auto; }
.doc-heading { font-size: 22pt; font-weight: 700; text-align: center; margin: 0 0 6pt; line-height: 1.4; }
.doc-number { text-align: center; font-size: 14pt; margin: 0 0 18pt; }
.doc-salutation { margin: 12pt 0 0; }
.doc-p { text-indent: 2em; margin: 0; text-align: justify; }
.doc-table { width: 100%; border-collapse: collapse; margin: 8pt 0; font-size: 14pt; }
.doc-table th, .doc-table td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: top; text-align: left; }
.doc-table th { font-weight: 700; }
.doc-table td.label { width: 28%; white-space: nowrap; }
.doc-signatures { display: flex; flex-wrap: wrap; gap: 8pt 28pt; margin: 18pt 0 0; }
.doc-signoff { margin: 30pt 0 0 auto; width: max-content; max-width: 100%; text-align: center; }
.doc-footer { margin: 24pt 0 0; font-size: 10.5pt; color: #333; }
.toolbar { font-family: "Noto Sans CJK SC", sans-serif; font-size: 11pt; display: flex; gap: 8pt; justify-content: center; padding: 8pt; margin: 0 0 16pt; background: #f3f4f6; border-bottom: 1px solid #d1d5db; }
.toolbar a, .toolbar button { font: inherit; padding: 4pt 12pt; border: 1px solid #2563eb; border-radius: 4pt; background: #fff; color: #1d4ed8; text-decoration: none; cursor: pointer; }
.toolbar button.primary { background: #2563eb; color: #fff; }
@media screen { body { background: #e5e7eb; } .sheet { background: #fff; padding: 30mm 26mm 30mm 28mm; width: 210mm; min-height: 297mm; margin: 0 auto 16pt; box-shadow: 0 1px 4px rgba(0,0,0,.2); } }
@media print { .toolbar { display: none; } .sheet { width: auto; } .doc-table, .doc-signatures, .doc-signoff { break-inside: avoid; } }
`;

export const PRINT_JS = `document.getElementById('print-button')?.addEventListener('click', () => window.print());\n`;
