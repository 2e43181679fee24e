/** The shape every analyst CLI subcommand has, so the dispatcher is a plain name -> handler map. */

/** Where a command writes: stdout for results (JSON), stderr for messages. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface Command {
  /** One line for the command list. */
  summary: string;
  /** Full usage text, shown by `<command> --help` and on usage errors. */
  usage: string;
  /** Run with the arguments after the command name; resolves to the process exit code. */
  run(args: string[], out: CliOutput): Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT = {
  ok: 0,
  /** The input was valid but the statistic cannot be computed (the reason is printed). */
  refused: 1,
  /** Bad input file or bad arguments. */
  badInput: 2,
} as const;
