import type { z } from 'zod';
import { ErrorBodySchema, type FieldProblem } from '../../contracts/register/api.ts';

/** A failed API call: the server's message and, for 400s, the fields it named. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
}

/** The API's base: `api/` next to the page, so the app also works under a path prefix. */
export function apiUrl(path: string): string {
  return new URL(`api/${path}`, new URL('./', location.href)).href;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'The register could not be reached; check the connection and try again');
  }
  if (res.ok) return res;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to the status line.
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) throw new ApiError(res.status, parsed.data.error, parsed.data.fields);
  throw new ApiError(res.status, `The register answered ${res.status} ${res.statusText}`.trim());
}

/** Calls the API and validates the JSON answer with `schema`. */
export async function apiJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const res = await send(path, options);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    // The Vite dev server answers unknown paths with index.html: no register behind it.
    throw new ApiError(res.status, 'The register did not answer with JSON (is the API running?)');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      res.status,
      `Unexpected answer from the register (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
    );
  }
  return parsed.data;
}

/** Calls the API where the answer has no body worth reading (204). */
export async function apiCall(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
