import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DATA_OPTIONS } from '../../data/defaults.ts';

export const REAL_RAW = DEFAULT_DATA_OPTIONS.rawDir;

/**
 * A scratch raw folder whose files are symlinks to the real shared data, so one file can be
 * replaced by a broken variant without copying the data into the repository.
 */
export async function scratchRaw(): Promise<{
  dir: string;
  replace: (rel: string, edit: (text: string) => string) => Promise<void>;
  remove: (rel: string) => Promise<void>;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-raw-'));
  for (const sub of ['boundaries', 'indicators', 'assets']) {
    await mkdir(path.join(dir, sub));
    for (const f of await readdir(path.join(REAL_RAW, sub))) {
      await symlink(path.join(REAL_RAW, sub, f), path.join(dir, sub, f));
    }
  }
  return {
    dir,
    async replace(rel, edit) {
      const text = await readFile(path.join(REAL_RAW, rel), 'utf8');
      await rm(path.join(dir, rel));
      await writeFile(path.join(dir, rel), edit(text));
    },
    async remove(rel) {
      await rm(path.join(dir, rel));
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function scratchDir(prefix = 'gap-atlas-out-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}
