import { z } from 'zod';

const RuntimeConfigSchema = z.object({
  basemapStyleUrl: z.string().url().startsWith('https://').nullable(),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

const OFFLINE: RuntimeConfig = { basemapStyleUrl: null };

/**
 * The server's runtime configuration. Missing or invalid configuration means the offline base
 * map, never a failure to start (the dev server has no /config.json).
 */
export async function loadRuntimeConfig(
  url = './config.json',
): Promise<{ config: RuntimeConfig; problem: string | null }> {
  try {
    const res = await fetch(url);
    if (!res.ok) return { config: OFFLINE, problem: null };
    const parsed = RuntimeConfigSchema.safeParse(await res.json());
    if (!parsed.success)
      return {
        config: OFFLINE,
        problem: `config.json is not valid (${parsed.error.issues[0]?.message ?? ''}); using the offline base map`,
      };
    return { config: parsed.data, problem: null };
  } catch {
    return { config: OFFLINE, problem: null };
  }
}
