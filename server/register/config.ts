import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BBox } from '../db/asset_store.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Sefton with a margin: the area of a register opened without built data (unit tests, tools).
 * A served register takes its area from the built authority's outline (register/area.ts).
 */
export const SEFTON_BBOX: BBox = { minLon: -3.15, minLat: 53.4, maxLon: -2.85, maxLat: 53.72 };

export function defaultDbFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.GAP_ATLAS_DB || path.join(REPO_ROOT, 'var', 'register.db');
}

/** The built data whose authority outline a register run from the command line serves. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GAP_ATLAS_DATA || path.join(REPO_ROOT, 'public', 'data');
}

export function defaultRawDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GAP_ATLAS_RAW || path.resolve(REPO_ROOT, '..', 'shared', 'data', 'raw');
}

/** Parses "minLon,minLat,maxLon,maxLat" (as in GAP_ATLAS_BBOX). */
export function parseBBox(text: string): BBox {
  const n = text.split(',').map((s) => Number(s.trim()));
  const [minLon, minLat, maxLon, maxLat] = n;
  if (
    n.length !== 4 ||
    minLon === undefined ||
    minLat === undefined ||
    maxLon === undefined ||
    maxLat === undefined ||
    n.some((v) => !Number.isFinite(v)) ||
    minLon >= maxLon ||
    minLat >= maxLat ||
    minLon < -180 ||
    maxLon > 180 ||
    minLat < -90 ||
    maxLat > 90
  ) {
    throw new Error(`Bounding box must be minLon,minLat,maxLon,maxLat; got "${text}"`);
  }
  return { minLon, minLat, maxLon, maxLat };
}

/**
 * GAP_ATLAS_BBOX: a rectangle that overrides the built authority's outline (kept for
 * deployments that set it before the register followed the authority); undefined when unset.
 */
export function bboxOverride(env: NodeJS.ProcessEnv = process.env): BBox | undefined {
  return env.GAP_ATLAS_BBOX ? parseBBox(env.GAP_ATLAS_BBOX) : undefined;
}

/** GAP_ATLAS_REGISTER_AREA: the bundle id whose outline the register serves. */
export function registerAreaId(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GAP_ATLAS_REGISTER_AREA?.trim() || undefined;
}
