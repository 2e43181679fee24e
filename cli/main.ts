/** Analyst CLI entry: `npm run cli -- <command> FILE.csv [options]` (see ./commands.ts). */
import { COMMANDS } from './commands.ts';
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), COMMANDS, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
