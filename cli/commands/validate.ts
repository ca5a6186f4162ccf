/** `jiceng validate <file|key...>`: exit 1 and every issue (path + message) when any is invalid. */
import type { Command } from 'commander';
import { validateDefinition, type ValidationIssue } from '../../dsl/validate.js';
import { readDefinitionFile, resolveDefinitionFile } from '../definitions.js';
import { EXIT } from '../errors.js';
import { formatPath, print } from '../output.js';

interface FileResult {
  file: string;
  valid: boolean;
  key?: string;
  version?: number;
  issues: ValidationIssue[];
}

export function validateFiles(refs: string[]): FileResult[] {
  return refs.map((ref) => {
    const file = resolveDefinitionFile(ref);
    if (!file) {
      return { file: ref, valid: false, issues: [{ code: 'SCHEMA_INVALID', message: `找不到文件或流程「${ref}」`, path: [], severity: 'error' }] };
    }
    const loaded = readDefinitionFile(file);
    if (!loaded.ok) return { file: ref, valid: false, issues: [loaded.issue] };
    const r = validateDefinition(loaded.raw);
    return { file: ref, valid: r.valid, ...(r.definition ? { key: r.definition.key, version: r.definition.version } : {}), issues: r.issues };
  });
}

function human(results: FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const errors = r.issues.filter((i) => i.severity === 'error').length;
    const warnings = r.issues.length - errors;
    const what = r.key ? `（${r.key} 第 ${r.version} 版）` : '';
    if (r.valid) lines.push(`✓ ${r.file}${what}：校验通过${warnings ? `，${warnings} 个警告` : ''}`);
    else lines.push(`✗ ${r.file}${what}：${errors} 个错误${warnings ? `，${warnings} 个警告` : ''}`);
    for (const i of r.issues) {
      lines.push(`  ${i.severity === 'error' ? '错误' : '警告'} [${i.code}] ${formatPath(i.path)}：${i.message}`);
    }
  }
  const bad = results.filter((r) => !r.valid).length;
  if (results.length > 1) lines.push(bad ? `共 ${results.length} 个文件，${bad} 个未通过` : `共 ${results.length} 个文件，全部通过`);
  return lines.join('\n');
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('校验流程定义文件（或 procedures/ 中的流程标识），列出每个问题及其位置')
    .argument('<files...>', '定义文件路径或流程标识')
    .option('--json', '以 JSON 输出')
    .action((files: string[], opts: { json?: boolean }) => {
      const results = validateFiles(files);
      const valid = results.every((r) => r.valid);
      print(opts, { valid, files: results }, () => human(results));
      process.exitCode = valid ? EXIT.ok : EXIT.invalid;
    });
}
