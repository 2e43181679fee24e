import type { FastifyRequest } from 'fastify';
import type { ModeratorSession } from './auth.ts';
import type { ApiContext } from './context.ts';
import { hashToken, TOKEN_PATTERN } from './secrets.ts';
import { HttpError } from './validation.ts';

export type Access =
  { kind: 'token' } | { kind: 'moderator'; session: ModeratorSession } | { kind: 'public' };

/**
 * Who is asking about asset `id`: its edit-token holder (Authorization: Bearer), a logged-in
 * moderator (session cookie), or the public. A token for another asset is refused outright
 * rather than downgraded, so a mistake shows instead of silently hiding the asset.
 */
export async function accessFor(
  ctx: ApiContext,
  request: FastifyRequest,
  id: number,
): Promise<Access> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer (\S+)$/.exec(header);
    const token = m?.[1];
    if (!token || !TOKEN_PATTERN.test(token)) {
      throw new HttpError(401, 'Authorization must be "Bearer <edit token>"');
    }
    if (await ctx.store.editTokenMatches(id, hashToken(token))) return { kind: 'token' };
    throw new HttpError(403, 'This edit token is not for this asset');
  }
  const session = await ctx.auth.session(request);
  return session ? { kind: 'moderator', session } : { kind: 'public' };
}
