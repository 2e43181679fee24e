/** Dispatch `<command> [args]` to its handler and turn errors into messages and exit codes. */
import { EXIT, type CliOutput, type Command } from './command.ts';
import { InputError, UsageError } from './input_error.ts';

function listing(commands: Readonly<Record<string, Command>>): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'usage: npm run cli -- <command> FILE.csv [options]',
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${commands[n]?.summary ?? ''}`),
    '',
    'npm run cli -- <command> --help for its options.',
  ].join('\n');
}

/**
 * Run one CLI invocation.
 * @param argv arguments after the script, e.g. `['sii', 'deciles.csv', '--seed', '7']`.
 * @returns the exit code: 0 ok, 1 statistic refused, 2 bad input or usage.
 */
export async function runCli(
  argv: string[],
  commands: Readonly<Record<string, Command>>,
  out: CliOutput,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    out.stderr(listing(commands) + '\n');
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = commands[name];
  if (command === undefined) {
    out.stderr(`unknown command "${name}"\n\n${listing(commands)}\n`);
    return EXIT.badInput;
  }
  if (args.includes('--help') || args.includes('-h')) {
    out.stderr(command.usage + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(args, out);
  } catch (error) {
    if (error instanceof InputError) {
      out.stderr(`error: ${error.message}\n`);
      return EXIT.badInput;
    }
    if (error instanceof UsageError) {
      out.stderr(`error: ${error.message}\n\n${command.usage}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
