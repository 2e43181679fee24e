import type { FastifyRequest } from 'fastify';
import { safeEqual } from './secrets.ts';
import { HttpError } from './validation.ts';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * Every state-changing moderator request must echo the session's CSRF token in X-CSRF-Token.
 * A cross-site page can make the browser send the cookie (SameSite=Strict stops most of that,
 * but not a same-site sibling or a browser without SameSite) yet cannot read the token, which
 * is only ever returned in a JSON body to our own origin.
 */
export function requireCsrf(request: FastifyRequest, expected: string): void {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent.length === 0) {
    throw new HttpError(403, 'CSRF token missing: send the X-CSRF-Token header from login');
  }
  if (!safeEqual(sent, expected)) throw new HttpError(403, 'CSRF token does not match');
}
