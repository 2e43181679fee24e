import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type BinaryLike,
  type ScryptOptions,
} from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (
  password: BinaryLike,
  salt: BinaryLike,
  keylen: number,
  options: ScryptOptions,
) => Promise<Buffer>;

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's current minimum for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1. About
 * 128 MiB and a few hundred ms per hash on a small server: slow for guessing, fine for logins.
 * Hashes made at a lower cost are redone at this one on the user's next good login.
 */
export const DEFAULT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 64;

function maxmem(c: ScryptCost): number {
  return 128 * c.N * c.r * c.p * 2;
}

/** `scrypt$N$r$p$salt$hash` with a fresh 16-byte salt per user. */
export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: maxmem(cost) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const cost = { N, r, p };
  const key = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: maxmem(cost) });
  return timingSafeEqual(key, expected);
}

/**
 * Checked against when the email is unknown, so a wrong email takes as long as a wrong password
 * and response times do not reveal which moderator accounts exist.
 */
export async function dummyHash(cost: ScryptCost = DEFAULT_COST): Promise<string> {
  return hashPassword('not a real password', cost);
}

export const MIN_PASSWORD_LENGTH = 12;

/** The cost a stored hash was made with, or null if it is not one of ours. */
export function costOf(stored: string): ScryptCost | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  return N && r && p ? { N, r, p } : null;
}

/** True when `stored` was hashed more cheaply than `wanted` and should be redone. */
export function needsRehash(stored: string, wanted: ScryptCost = DEFAULT_COST): boolean {
  const c = costOf(stored);
  return c === null || c.N < wanted.N || c.r < wanted.r || c.p < wanted.p;
}
