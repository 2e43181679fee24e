import { z } from 'zod';

/**
 * The partner's private edit link: `/#edit=<id>&token=<token>`. The token travels in the
 * fragment, which browsers never send to a server or put in a Referer, so it stays out of
 * access logs; the page reads it once and removes it from the address bar.
 */
export interface EditLink {
  id: number;
  token: string;
}

const EditLinkSchema = z.object({
  edit: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number),
  token: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/),
});

export function editLinkUrl(link: EditLink, base: string = location.href): string {
  const url = new URL('./', base);
  url.hash = `edit=${link.id}&token=${link.token}`;
  return url.href;
}

/** Parses a fragment (`#edit=..&token=..`); null when it is not an edit link. */
export function parseEditLink(hash: string): EditLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const parsed = EditLinkSchema.safeParse({
    edit: params.get('edit') ?? undefined,
    token: params.get('token') ?? undefined,
  });
  return parsed.success ? { id: parsed.data.edit, token: parsed.data.token } : null;
}

/**
 * Reads the edit link from the address bar and takes it out of it (and of this history entry).
 * `malformed` is true when the fragment looked like an edit link but was not a valid one.
 */
export function takeEditLink(): { link: EditLink | null; malformed: boolean } {
  const hash = location.hash;
  if (!/^#(.*&)?(edit|token)=/.test(hash)) return { link: null, malformed: false };
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  const link = parseEditLink(hash);
  return { link, malformed: link === null };
}
