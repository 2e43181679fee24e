import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REAL_RAW } from '../helpers/raw_copy.ts';

/**
 * A scratch raw folder of real folders holding symlinks to every real raw file (so a file
 * deep in boundaries/england can be replaced without touching the shared data), with
 * replace for text and gzipped files.
 */
export async function scratchRawDeep(): Promise<{
  dir: string;
  replace: (rel: string, edit: (text: string) => string) => Promise<void>;
  remove: (rel: string) => Promise<void>;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-raw-'));
  const mirror = async (rel: string): Promise<void> => {
    await mkdir(path.join(dir, rel), { recursive: true });
    for (const e of await readdir(path.join(REAL_RAW, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) await mirror(r);
      else await symlink(path.join(REAL_RAW, r), path.join(dir, r));
    }
  };
  for (const sub of ['boundaries', 'indicators', 'assets']) await mirror(sub);
  return {
    dir,
    async replace(rel, edit) {
      const bytes = await readFile(path.join(REAL_RAW, rel));
      const gz = rel.endsWith('.gz');
      const text = edit((gz ? gunzipSync(bytes) : bytes).toString('utf8'));
      await rm(path.join(dir, rel));
      await writeFile(path.join(dir, rel), gz ? gzipSync(text) : text);
    },
    async remove(rel) {
      await rm(path.join(dir, rel));
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
