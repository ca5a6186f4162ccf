/**
 * `jiceng`: drives the engine from a terminal before there is a UI. Human output in Chinese,
 * `--json` on every command. Exit codes: 0 ok, 1 invalid input or no server, 2 engine rejection.
 */
import { Command } from 'commander';
import { registerComplete } from './commands/complete.js';
import { registerMigrate } from './commands/migrate.js';
import { registerSchema } from './commands/schema.js';
import { registerShow } from './commands/show.js';
import { registerStart } from './commands/start.js';
import { registerTasks } from './commands/tasks.js';
import { registerValidate } from './commands/validate.js';
import { toCliError } from './errors.js';
import { printError } from './output.js';

export function buildProgram(): Command {
  const program = new Command()
    .name('jiceng')
    .description('基层流程 Jiceng Flow 命令行：校验流程定义、发起案件、办理任务、查看案件、迁移办理中的案件')
    .showHelpAfterError('（用 jiceng --help 查看用法）');
  registerValidate(program);
  registerSchema(program);
  registerStart(program);
  registerTasks(program);
  registerComplete(program);
  registerShow(program);
  registerMigrate(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // `jiceng schema | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const e = toCliError(err);
    printError({ json: argv.includes('--json') }, e);
    process.exitCode = e.exitCode;
  }
}

await main();
