/**
 * Repairs the text layer of a PDF Chromium printed: its ToUnicode maps send a glyph Noto CJK shares
 * between a radical and an ideograph to the radical (民 → ⺠, 见 → ⻅, 长 → ⻓), so copying or
 * searching "人民政府" in the PDF failed. Each ToUnicode CMap is rewritten with the ideograph
 * (cjk-radicals.ts); nothing drawn changes. The file is then laid out again (objects in their
 * order, a fresh cross-reference table), which Chromium's plain PDF 1.4 structure allows: classic
 * `N 0 obj … endobj` objects, one xref table, one trailer. Anything else is returned unchanged.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { RADICAL_TO_UNIFIED } from './cjk-radicals.js';

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/** The code points of a CMap destination `<XXXX…>` (UTF-16BE). */
function utf16(h: string): number[] {
  const units = h.match(/.{4}/g)?.map((u) => parseInt(u, 16)) ?? [];
  return [...String.fromCharCode(...units)].map((c) => c.codePointAt(0)!);
}
const toUtf16 = (cps: number[]) => [...String.fromCodePoint(...cps)].map((c) => [...Array(c.length).keys()].map((i) => hex(c.charCodeAt(i), 4)).join('')).join('');

/** A ToUnicode CMap with every radical destination replaced; the same text when none occurs. */
export function repairCMap(cmap: string): string {
  const entries: [string, number[]][] = [];
  let width = 2;
  let touched = false;
  const fix = (cps: number[]) => cps.map((c) => {
    const u = RADICAL_TO_UNIFIED.get(c);
    if (u !== undefined) touched = true;
    return u ?? c;
  });
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      width = m[1]!.length;
      entries.push([m[1]!, fix(utf16(m[2]!))]);
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      width = m[1]!.length;
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const dests = m[3]!.startsWith('[') ? [...m[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((d) => utf16(d[1]!)) : undefined;
      const start = dests ? [] : utf16(m[3]!.slice(1, -1));
      for (let code = lo; code <= hi; code += 1) {
        const cps = dests ? dests[code - lo] ?? [] : [...start.slice(0, -1), start.at(-1)! + (code - lo)];
        entries.push([hex(code, width), fix(cps)]);
      }
    }
  }
  if (!touched) return cmap;
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([c, cps]) => `<${c}> <${toUtf16(cps)}>`).join('\n')}\nendbfchar`);
  }
  const head = cmap.slice(0, cmap.search(/\d+\s+begin(bfchar|bfrange)/));
  const tail = cmap.slice(cmap.lastIndexOf('endcmap'));
  return `${head}${blocks.join('\n')}\n${tail}`;
}

export function repairPdfText(pdf: Buffer): Buffer {
  const s = pdf.toString('latin1');
  const targets = new Set([...s.matchAll(/\/ToUnicode\s+(\d+)\s+0\s+R/g)].map((m) => m[1]!));
  const trailerAt = s.lastIndexOf('\ntrailer');
  const xrefAt = s.lastIndexOf('\nxref');
  if (targets.size === 0 || trailerAt < 0 || xrefAt < 0 || /\/Type\s*\/(XRef|ObjStm)\b/.test(s)) return pdf;
  // The objects as the xref table places them: each runs up to the next one (stream bytes included).
  const table = /^xref\s+0\s+(\d+)\s+([\s\S]*?)trailer/.exec(s.slice(xrefAt + 1));
  if (!table) return pdf;
  const placed = [...table[2]!.matchAll(/(\d{10}) (\d{5}) ([nf])/g)]
    .map((r, num) => ({ num, at: Number(r[1]), used: r[3] === 'n' }))
    .filter((r) => r.used)
    .sort((a, b) => a.at - b.at);
  if (placed.length === 0) return pdf;
  const header = s.slice(0, placed[0]!.at);
  const objects: { num: number; text: string }[] = [];
  let changed = false;
  for (const [i, p] of placed.entries()) {
    const m = [s.slice(p.at, placed[i + 1]?.at ?? xrefAt + 1), String(p.num)] as const;
    if (!m[0].startsWith(`${p.num} 0 obj`)) return pdf;
    let text = m[0];
    if (targets.has(m[1])) {
      const stream = /^(\d+ 0 obj\s*<<)([\s\S]*?)>>\s*stream\r?\n/.exec(text);
      const length = stream ? /\/Length\s+(\d+)(?!\s+0\s+R)/.exec(stream[2]!) : null;
      if (stream && length && /\/FlateDecode/.test(stream[2]!)) {
        const start = stream[0].length;
        const data = Buffer.from(text.slice(start, start + Number(length[1])), 'latin1');
        const cmap = inflateSync(data).toString('latin1');
        const repaired = repairCMap(cmap);
        if (repaired !== cmap) {
          const out = deflateSync(Buffer.from(repaired, 'latin1')).toString('latin1');
          text = `${stream[1]}${stream[2]!.replace(/\/Length\s+\d+/, `/Length ${out.length}`)}>> stream\n${out}\nendstream\nendobj\n`;
          changed = true;
        }
      }
    }
    objects.push({ num: p.num, text });
  }
  if (!changed) return pdf;
  let body = header;
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, body.length);
    body += o.text;
  }
  const size = Math.max(Number(table[1]), ...[...offsets.keys()].map((n) => n + 1));
  const rows = ['0000000000 65535 f \n'];
  for (let n = 1; n < size; n += 1) rows.push(offsets.has(n) ? `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n` : '0000000000 65535 f \n');
  const trailer = s.slice(trailerAt + 1, s.lastIndexOf('startxref'));
  const xref = body.length;
  return Buffer.from(`${body}xref\n0 ${size}\n${rows.join('')}${trailer}startxref\n${xref}\n%%EOF\n`, 'latin1');
}
