import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { brotliCopy } from './precompress.ts';
import path from 'node:path';

export interface OutputFile {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  content: string | Uint8Array;
}

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * A build's output while it is being written: a fresh sibling folder of the target, swapped
 * into place only by `commit`, so a failure at any point leaves the previous output untouched.
 */
export class StagedOutput {
  private constructor(
    readonly target: string,
    readonly dir: string,
  ) {}

  static async open(outDir: string): Promise<StagedOutput> {
    const target = path.resolve(outDir);
    await mkdir(path.dirname(target), { recursive: true });
    return new StagedOutput(target, await mkdtemp(`${target}.partial-`));
  }

  /** Writes one file (path relative to the output, forward slashes) and returns its entry. */
  write(f: OutputFile): Promise<WrittenFile> {
    return writeOne(this.dir, f);
  }

  /** Copies a finished folder (e.g. a cached bundle) to `rel` inside the output. */
  async copyIn(from: string, rel: string): Promise<void> {
    checkRelative(rel);
    await cp(from, path.join(this.dir, rel), { recursive: true });
  }

  async commit(): Promise<void> {
    await swapInto(this.dir, this.target);
  }

  async abort(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
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
  const out = await StagedOutput.open(outDir);
  try {
    const written = await writeFiles(out.dir, '', files, finalFile);
    await out.commit();
    return written;
  } catch (err) {
    await out.abort();
    throw err;
  }
}

/** Writes files under `prefix` of `dir`, then the final file made from their entries. */
export async function writeFiles(
  dir: string,
  prefix: string,
  files: OutputFile[],
  finalFile: (written: WrittenFile[]) => OutputFile,
): Promise<WrittenFile[]> {
  const base = path.join(dir, prefix);
  const written: WrittenFile[] = [];
  for (const f of files) written.push(await writeOne(base, f));
  written.push(await writeOne(base, finalFile(written)));
  return written;
}

function checkRelative(rel: string): void {
  if (rel.split(/[\\/]/).includes('..') || path.isAbsolute(rel))
    throw new Error(`refusing to write outside the output folder: ${rel}`);
}

async function writeOne(dir: string, f: OutputFile): Promise<WrittenFile> {
  checkRelative(f.path);
  const full = path.join(dir, f.path);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, f.content);
  const br = brotliCopy(f.path, f.content, 9);
  if (br) await writeFile(`${full}.br`, br);
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
