import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One serialised answer, with its compressed forms made once. */
export interface CachedAnswer {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Below this, compressing costs more than it saves. */
const COMPRESS_FROM = 1024;

function build(json: string): CachedAnswer {
  const identity = Buffer.from(json, 'utf8');
  const small = identity.length < COMPRESS_FROM;
  return {
    etag: `W/"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    identity,
    gzip: small ? identity : gzipSync(identity, { level: 6 }),
    br: small
      ? identity
      : brotliCompressSync(identity, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 5,
            [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
          },
        }),
  };
}

/**
 * Serialised answers kept until the register changes (`stamp` differs), so the public map's
 * GET /api/assets costs a lookup rather than a query, 1,000 objects and a JSON.stringify per
 * request. A few keys only (the whole list, a filter or two); the oldest goes first.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { stamp: string; answer: CachedAnswer }>();

  constructor(private readonly maxEntries = 32) {}

  async get(key: string, stamp: string, make: () => Promise<string>): Promise<CachedAnswer> {
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.answer;
    const answer = build(await make());
    this.entries.delete(key);
    this.entries.set(key, { stamp, answer });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return answer;
  }
}

/** The encoding to send for an Accept-Encoding header: br, then gzip, else none. */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | 'identity' {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** Does If-None-Match name this ETag (or `*`)? Weak comparison, as RFC 9110 asks for GET. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}
