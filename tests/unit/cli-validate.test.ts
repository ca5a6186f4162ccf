/**
 * `jiceng validate` and `jiceng schema`, run as real child processes: a broken definition exits 1
 * and prints each issue with its path; a valid one exits 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPECTED_ISSUES } from '../fixtures/definitions/expected-issues.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'tests/fixtures/definitions';

function jiceng(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/jiceng.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const formatPath = (path: (string | number)[]) => path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');

describe('jiceng validate', { timeout: 120_000 }, () => {
  const broken = EXPECTED_ISSUES.filter(([, , , severity]) => severity !== 'warning');

  it('exits 1 and prints every broken fixture with the code and path of its issue', () => {
    const r = jiceng('validate', ...broken.map(([file]) => `${FIXTURES}/${file}.json`));
    expect(r.code).toBe(1);
    for (const [file, code, path] of broken) {
      expect(r.stdout).toContain(`✗ ${FIXTURES}/${file}.json`);
      expect(r.stdout).toContain(`错误 [${code}] ${formatPath(path) || '(定义)'}：`);
    }
    expect(r.stdout).toContain(`共 ${broken.length} 个文件，${broken.length} 个未通过`);
  });

  it('exits 1 for a single broken definition (悬空连线) and names the edge and its path', () => {
    const r = jiceng('validate', `${FIXTURES}/broken-dangling-edge.json`);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/错误 \[DANGLING_EDGE\] edges\[18\]\.to：连线「e-report」的终点「archive」不存在/);
  });

  it('with --json prints the issues with their paths as data', () => {
    const r = jiceng('validate', '--json', `${FIXTURES}/broken-missing-deadline.json`);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: boolean; files: { issues: { code: string; path: unknown[]; nodeId?: string }[] }[] };
    expect(out.valid).toBe(false);
    expect(out.files[0]!.issues).toContainEqual(expect.objectContaining({ code: 'MISSING_DEADLINE', path: ['nodes', 4, 'deadline'], nodeId: 'partyMeeting' }));
  });

  it('exits 0 for valid definitions and for definitions with warnings only', () => {
    const r = jiceng('validate', `${FIXTURES}/valid-minimal.json`, `${FIXTURES}/valid-village-decision.json`, `${FIXTURES}/warning-vote-rule-trivial.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ tests/fixtures/definitions/valid-minimal.json（minimal 第 1 版）：校验通过');
    expect(r.stdout).toContain('警告 [VOTE_RULE_TRIVIAL]');
  });

  it('exits 1 when one of several files is invalid', () => {
    const r = jiceng('validate', `${FIXTURES}/valid-minimal.json`, `${FIXTURES}/broken-no-end.json`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('共 2 个文件，1 个未通过');
  });

  it('exits 1 with a readable message for a file that is not JSON or does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiceng-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "key": ');
    const r = jiceng('validate', bad, join(dir, 'missing.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('不是合法的 JSON');
    expect(r.stdout).toContain('找不到文件或流程');
  });

  it('works through npx from the checkout', () => {
    const r = spawnSync('npx', ['--no-install', 'jiceng', 'validate', `${FIXTURES}/broken-unknown-role.json`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('错误 [UNKNOWN_ROLE] nodes[2].assignment.role');
  });
});

describe('jiceng schema', { timeout: 60_000 }, () => {
  it('prints the JSON Schema of a definition', () => {
    const r = jiceng('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['nodes', 'edges', 'roles', 'fields']));
    expect(schema.required).toContain('nodes');
  });
});
