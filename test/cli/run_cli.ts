// Runs the analyst CLI as a child process, as an analyst would (`npx tsx cli/main.ts ...`).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = 'test/fixtures/stats';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'npx',
      ['tsx', 'cli/main.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        // npm may warn about the machine's npm config on stderr; only our lines matter.
        const ours = stderr
          .split('\n')
          .filter((line) => !line.startsWith('npm warn'))
          .join('\n');
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr: ours });
      },
    );
  });
}
