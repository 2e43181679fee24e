import { z } from 'zod';
import type { AppOptions } from './app.ts';

/**
 * The server's settings from the environment (the README's configuration table), checked once
 * here: a bad value stops the start with the variable's name and what it takes.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((s): AppOptions['trustProxy'] => {
    if (s === '' || s === 'false') return false;
    if (s === 'true') return true;
    return s; // addresses or CIDR ranges, comma-separated
  });

const EnvSchema = z.object({
  GAP_ATLAS_TRUST_PROXY: trustProxy.optional(),
  GAP_ATLAS_COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'], { error: 'must be auto, true or false' })
    .optional(),
  GAP_ATLAS_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], {
      error: 'must be fatal, error, warn, info, debug or silent',
    })
    .optional(),
  GAP_ATLAS_SUBMISSIONS_PER_HOUR: z
    .string()
    .regex(/^[1-9]\d{0,6}$/, { error: 'must be a whole number from 1' })
    .transform(Number)
    .optional(),
  GAP_ATLAS_BASEMAP_URL: z.string().optional(),
  GAP_ATLAS_BASEMAP_ORIGINS: z.string().optional(),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function appOptionsFromEnv(
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
): Omit<AppOptions, 'distDir' | 'dataDir'> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  }
  const e = parsed.data;
  const cookie = e.GAP_ATLAS_COOKIE_SECURE;
  return {
    trustProxy: e.GAP_ATLAS_TRUST_PROXY ?? false,
    cookieSecure: cookie === undefined || cookie === 'auto' ? 'auto' : cookie === 'true',
    logLevel: e.GAP_ATLAS_LOG_LEVEL ?? 'info',
    limits: e.GAP_ATLAS_SUBMISSIONS_PER_HOUR
      ? { submissionsPerWindow: e.GAP_ATLAS_SUBMISSIONS_PER_HOUR }
      : {},
    basemapStyleUrl: e.GAP_ATLAS_BASEMAP_URL || null,
    basemapOrigins: (e.GAP_ATLAS_BASEMAP_ORIGINS ?? '').split(',').filter(Boolean),
  };
}
