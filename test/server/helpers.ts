import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { hashPassword, type ScryptCost } from '../../server/register/passwords.ts';
import { openRegister, registerApi, type Register } from '../../server/register/plugin.ts';
import type { RateLimits } from '../../server/register/context.ts';
import { REPO_ROOT } from '../../server/register/config.ts';
import { officialAssets } from './official_assets.ts';
import type { RegisterArea } from '../../server/register/area.ts';

/** Cheap scrypt so tests that log in stay fast; the stored format still carries the cost. */
export const TEST_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

export const RAW_DIR =
  process.env.GAP_ATLAS_RAW || path.resolve(REPO_ROOT, '..', 'shared', 'data', 'raw');

export const HIGH_LIMITS: Partial<RateLimits> = {
  submissionsPerWindow: 1_000_000,
  editsPerWindow: 1_000_000,
  loginsPerWindow: 1_000_000,
};

const made: string[] = [];

export function tempDir(prefix = 'gap-register-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A clock tests can move. */
export function testClock(start = '2026-11-22T10:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  register: Register;
  dir: string;
  close(): Promise<void>;
}

export async function makeApp(
  options: {
    seed?: boolean;
    /**
     * Also hold the official lists (121 Sefton GP practices, pharmacies, libraries and food
     * banks from the raw files), for the export and Open Referral tests' real records.
     */
    officialLists?: boolean;
    /** The area served (default: Sefton's rectangle, as a register without built data). */
    area?: RegisterArea;
    limits?: Partial<RateLimits>;
    now?: () => Date;
    trustProxy?: boolean;
    sessionTtlMs?: number;
  } = {},
): Promise<TestApp> {
  const dir = tempDir();
  const register = await openRegister({
    file: path.join(dir, 'register.db'),
    rawDir: RAW_DIR,
    seed: options.seed ?? false,
    area: options.area,
    now: options.now,
    log: () => {},
  });
  if (options.officialLists) {
    await register.assets.createMany(
      officialAssets(RAW_DIR, register.config),
      { type: 'seed' },
      'seed',
    );
  }
  const app = Fastify({
    logger: false,
    bodyLimit: 1_048_576,
    trustProxy: options.trustProxy ?? false,
  });
  await registerApi(app, {
    db: register,
    limits: { ...HIGH_LIMITS, ...options.limits },
    passwordCost: TEST_COST,
    sessionTtlMs: options.sessionTtlMs,
  });
  await app.ready();
  return {
    app,
    register,
    dir,
    async close() {
      await app.close();
      register.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisationName: 'Linacre Growers',
    serviceName: 'Linacre Community Garden',
    description: 'Raised beds and a polytunnel.\nVolunteers welcome on Tuesdays.',
    category: 'community_garden',
    latitude: 53.4561,
    longitude: -2.9952,
    postcode: 'l20 4rw',
    consentToPublish: true,
    ...overrides,
  };
}

export async function submit(
  app: FastifyInstance,
  overrides: Record<string, unknown> = {},
): Promise<{ id: number; editToken: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/assets',
    payload: submission(overrides),
  });
  if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; editToken: string };
}

export async function addModerator(
  register: Pick<Register, 'accounts'>,
  email = 'mod@example.org',
  password = 'correct horse battery staple',
): Promise<{ id: number; email: string; password: string }> {
  const user = await register.accounts.createUser({
    email,
    name: 'Test Moderator',
    passwordHash: await hashPassword(password, TEST_COST),
  });
  return { id: user.id, email, password };
}

export interface Moderator {
  cookie: string;
  csrf: string;
  /** Headers for a state-changing request. */
  write: Record<string, string>;
  /** Headers for a read. */
  read: Record<string, string>;
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((k) => k.name === 'gap_atlas_session');
  if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `${c.name}=${c.value}`;
}

export async function login(
  app: FastifyInstance,
  email = 'mod@example.org',
  password = 'correct horse battery staple',
): Promise<Moderator> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, read: { cookie }, write: { cookie, 'x-csrf-token': csrf } };
}

/** Every asset row and the history length: a fingerprint to prove a request changed nothing. */
export function snapshot(register: Register): string {
  const rows = register.db.prepare('SELECT * FROM assets ORDER BY id').all();
  const history = register.db.prepare('SELECT count(*) FROM asset_history').pluck().get();
  return JSON.stringify({ rows, history });
}

export interface Child {
  proc: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Starts server/register/standalone.ts in a child process and waits for its URL. */
export async function startServer(dbFile: string, extraArgs: string[] = []): Promise<Child> {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'server/register/standalone.ts'),
      '--db',
      dbFile,
      '--no-seed',
      '--submissions-per-window',
      '1000000',
      ...extraArgs,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
    if (!proc.stdout) throw new Error('no stdout');
    const lines = createInterface({ input: proc.stdout });
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { event?: string; url?: string };
      if (msg.event === 'listening' && msg.url) {
        clearTimeout(timer);
        resolve(msg.url);
      }
    });
  });
  return { proc, url, stderr: () => err };
}

export function waitForExit(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
}

/** Runs a CLI under tsx; resolves with its exit code and output. */
export function runCli(
  script: string,
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, script), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdin.end(options.input ?? '');
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
