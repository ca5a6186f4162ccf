/**
 * A note of a procedure (a node's description, a field's hint, a parameter's source) as a clerk
 * reads it: the authors' source tags — `procedures.md §1.3 step 6`, `[DEFAULT]`, `SEED:000`,
 * `PUB marketingnearmeagency` — are for the people who keep the procedures (they stay in the
 * definition and the designer's JSON), not for the page; `参数 vote_days` names the parameter by
 * its label. What the tag introduced (`PUB 70edu：会前3天`) is kept.
 */

/** A source tag, optionally followed by what it says after a colon. */
const TAG = /(?:procedures\.md(?:\s*§[\d.]+)?(?:\s*step\s*\d+)?(?:\s*[0-9a-z]{1,3}\b)?|SEED(?::[\d,]+)?|PUB(?:\s+[A-Za-z0-9][\w.-]*)?|\[(?:DEFAULT|STAT|SEED|PUB|UNCERTAIN)\])/g;

const LEADING_TAG = new RegExp(`^\\s*(?:${TAG.source})\\s*`);

/**
 * One clause without its tags. A clause that starts with a tag is a citation ("SEED:000 径山镇…",
 * "PUB 镇海区") and is left out, unless the tag introduces what it says: "PUB 70edu：会前3天" → "会前3天".
 */
function clause(part: string): string {
  if (LEADING_TAG.test(part)) {
    let rest = part;
    while (LEADING_TAG.test(rest)) rest = rest.replace(LEADING_TAG, '');
    const said = /^[：:]\s*(.+)$/.exec(rest);
    return said ? clause(said[1]!) : '';
  }
  return part.replace(TAG, '').replace(/\s{2,}/g, ' ').trim();
}

function clauses(text: string): string {
  return text
    .split(/([，,；;])/)
    .reduce<string[]>((out, piece, i, all) => {
      if (i % 2 === 1) return out;
      const c = clause(piece);
      if (c) out.push(out.length ? `${all[i - 1] ?? '，'}${c}` : c);
      return out;
    }, [])
    .join('');
}

/** A citation up to the full-width colon that introduces what it says: "PUB tunchang, 70edu：…". */
const CITED = /(?<=^|[（(，,；;。]\s*)(?:PUB|SEED|procedures\.md)[^：（）()。]*：\s*/g;

export function plainNote(text: string | undefined, paramLabel?: (key: string) => string | undefined): string | undefined {
  if (!text) return text;
  // A bracketed citation list ("[PUB tunchang, 70edu]") goes whole.
  let s = text.replace(/\s*\[(?:PUB|SEED|procedures\.md)[^\]]*\]/g, '').replace(CITED, '');
  s = s.replace(/（([^（）]*)）|\(([^()]*)\)/g, (whole, a?: string, b?: string) => {
    const given = a ?? b ?? '';
    // An English gloss or an author's tag (（suspend）, （见 README）, （STAT）) or a formula over
    // variable names (（report_due = 开始 + 2日）) is for the authors.
    if (/[A-Za-z]/.test(given) && !/[\u4e00-\u9fff]/.test(given.replace(/见/g, ''))) return '';
    if (/\b[a-z]+_[a-z0-9_]+\b/.test(given)) return '';
    const inner = clauses(given);
    return inner ? `（${inner}）` : '';
  });
  s = clauses(s);
  s = s.replace(/参数\s+([a-z][a-z0-9_]*)/g, (whole, key: string) => {
    const label = paramLabel?.(key);
    return label ? `参数“${label}”` : '参数';
  });
  s = s.replace(/[，,；;]\s*([。.]?)$/, '$1').replace(/\s+([。，；])/g, '$1').trim();
  return s || undefined;
}
