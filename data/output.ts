import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  content: string;
}

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Writes every file into a fresh sibling folder and swaps it into place only when all are
 * written, so a failure at any point leaves the previous output untouched.
 * `finalFile` is made from the entries of the others (the manifest, with their hashes).
 */
export async function writeOutputAtomically(
  outDir: string,
  files: OutputFile[],
  finalFile: (written: WrittenFile[]) => OutputFile,
): Promise<WrittenFile[]> {
  const target = path.resolve(outDir);
  await mkdir(path.dirname(target), { recursive: true });
  const staging = await mkdtemp(`${target}.partial-`);
  try {
    const written: WrittenFile[] = [];
    for (const f of files) {
      written.push(await writeOne(staging, f));
    }
    written.push(await writeOne(staging, finalFile(written)));
    await swapInto(staging, target);
    return written;
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

async function writeOne(dir: string, f: OutputFile): Promise<WrittenFile> {
  if (f.path.includes('..') || path.isAbsolute(f.path))
    throw new Error(`refusing to write outside the output folder: ${f.path}`);
  const full = path.join(dir, f.path);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, f.content);
  return { path: f.path, bytes: Buffer.byteLength(f.content), sha256: sha256(f.content) };
}

async function swapInto(staging: string, target: string): Promise<void> {
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await rename(staging, target);
    return;
  }
  const previous = `${target}.previous-${process.pid}-${Date.now()}`;
  await rename(target, previous);
  try {
    await rename(staging, target);
  } catch (err) {
    await rename(previous, target);
    throw err;
  }
  await rm(previous, { recursive: true, force: true });
}
