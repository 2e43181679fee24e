import { LCR } from '../contracts/geography.ts';
import type { AreaFeature } from './boundaries.ts';
import { PipelineError } from './errors.ts';

export interface AreaChoice {
  /** What the user asked for: a district code or "lcr". */
  id: string;
  name: string;
  districts: { code: string; name: string }[];
}

/**
 * Resolves `--area` against the districts present in the raw local-authority outlines:
 * a district code (E06/E07/E08/E09...) or "lcr" for the six Liverpool City Region districts.
 */
export function resolveArea(requested: string, ladFeatures: AreaFeature[]): AreaChoice {
  const known = new Map(ladFeatures.map((f) => [f.properties.code, f.properties.name]));
  const list = [...known].map(([c, n]) => `${c} ${n}`).join(', ');
  const wanted = requested.trim();
  if (wanted.toLowerCase() === 'lcr' || wanted === LCR.code) {
    const missing = LCR.districts.filter((c) => !known.has(c));
    if (missing.length > 0) {
      throw new PipelineError(
        `--area lcr needs all six LCR districts; missing in the raw data: ${missing.join(', ')}.`,
      );
    }
    return {
      id: 'lcr',
      name: LCR.name,
      districts: LCR.districts.map((code) => ({ code, name: known.get(code) ?? code })),
    };
  }
  const name = known.get(wanted.toUpperCase());
  if (!name) {
    throw new PipelineError(
      `Unknown --area "${requested}": not a local authority code in the raw data. Known: ${list}, or "lcr".`,
    );
  }
  return { id: wanted.toUpperCase(), name, districts: [{ code: wanted.toUpperCase(), name }] };
}
