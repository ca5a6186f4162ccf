/**
 * The web app speaks through its dictionaries (designer/src/lib/i18n.ts, labels.ts): a Chinese
 * literal in a component is a string the English UI cannot show. This test fails when a .tsx file
 * holds more lines with Chinese text (outside comments) than its budget below — and every new file
 * has a budget of 0. The budgets are what is left to move into the dictionaries (issue 16); lower
 * a budget when you move some, never raise one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'designer', 'src');

const BUDGET: Record<string, number> = {
  'designer/src/designer/deadline-clock.tsx': 18,
  'designer/src/designer/node-props.tsx': 7,
  'designer/src/designer/node-sections.tsx': 8,
  'designer/src/inbox/task-page.tsx': 6,
  'designer/src/inbox/field-input.tsx': 7,
  'designer/src/designer/designer-page.tsx': 2,
  'designer/src/designer/meta-props.tsx': 4,
  'designer/src/designer/edge-props.tsx': 2,
  'designer/src/inbox/new-case-dialog.tsx': 2,
  'designer/src/designer/palette.tsx': 1,
  'designer/src/designer/prop-inputs.tsx': 1,
  'designer/src/case/case-page.tsx': 1,
  'designer/src/inbox/inbox-page.tsx': 1,
  'designer/src/shell/login-page.tsx': 1,
};

const CJK = /[\u4e00-\u9fff]/;
const isComment = (line: string) => /^\s*(\/\/|\/\*|\*|\{\/\*)/.test(line);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : []));
}

/** Lines of a file that carry Chinese text outside comments. */
export function chineseLines(text: string): number {
  return text.split('\n').filter((l) => CJK.test(l) && !isComment(l)).length;
}

describe('Chinese text in components lives in the dictionaries', () => {
  it('counts Chinese text in code, not in comments', () => {
    expect(chineseLines("// 说明\nconst a = '签收';\n/** 注释 */\n<b>{t('claim')}</b>")).toBe(1);
  });

  it('no .tsx file has more Chinese literals than its budget (new files: none)', () => {
    const over: string[] = [];
    for (const file of tsxFiles(src)) {
      const rel = relative(root, file).split('\\').join('/');
      const n = chineseLines(readFileSync(file, 'utf8'));
      const budget = BUDGET[rel] ?? 0;
      if (n > budget) over.push(`${rel}: ${n} lines with Chinese text (budget ${budget}) — use lib/i18n.ts or lib/labels.ts`);
    }
    expect(over).toEqual([]);
  });
});
