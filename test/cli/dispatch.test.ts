// The dispatcher in-process: a command map is all it needs, so new commands plug in.
import { describe, expect, it } from 'vitest';
import type { CliOutput, Command } from '../../cli/command.ts';
import { COMMANDS } from '../../cli/commands.ts';
import { runCli } from '../../cli/run.ts';

function capture(): CliOutput & { out: string; err: string } {
  const sink = {
    out: '',
    err: '',
    stdout: (t: string) => {
      sink.out += t;
    },
    stderr: (t: string) => {
      sink.err += t;
    },
  };
  return sink;
}

describe('runCli dispatcher', () => {
  it('registers aggregate, sii, life-expectancy and the PHEindicatormethods statistics', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([
      'aggregate',
      'dsr',
      'funnel',
      'isr',
      'life-expectancy',
      'mean',
      'proportion',
      'rate',
      'sii',
    ]);
  });

  it('runs any command added to the map, with its arguments', async () => {
    const echo: Command = {
      summary: 'echo',
      usage: 'echo ARGS',
      run: async (args, out) => {
        out.stdout(args.join(' '));
        return 0;
      },
    };
    const io = capture();
    expect(await runCli(['echo', 'a', 'b'], { ...COMMANDS, echo }, io)).toBe(0);
    expect(io.out).toBe('a b');
  });

  it('lists the commands and exits 2 when none is given', async () => {
    const io = capture();
    expect(await runCli([], COMMANDS, io)).toBe(2);
    expect(io.err).toMatch(/sii +slope index of inequality/);
    expect(io.err).toMatch(/life-expectancy +life expectancy at birth/);
  });

  it('shows a command usage for --help and exits 0', async () => {
    const io = capture();
    expect(await runCli(['sii', '--help'], COMMANDS, io)).toBe(0);
    expect(io.err).toMatch(/--simulations N/);
  });
});
