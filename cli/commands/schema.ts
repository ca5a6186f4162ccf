/** `jiceng schema`: the JSON Schema of a process definition (always JSON). */
import type { Command } from 'commander';
import { definitionJsonSchema } from '../../dsl/json-schema.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('输出流程定义的 JSON Schema')
    .option('--json', '以 JSON 输出（本命令总是输出 JSON）')
    .action(() => {
      process.stdout.write(`${JSON.stringify(definitionJsonSchema(), null, 2)}\n`);
    });
}
