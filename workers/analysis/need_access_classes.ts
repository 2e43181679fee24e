/**
 * Need against access, three classes each, for the bivariate map of "need without assets".
 * Need is the LSOA's national IMD decile group; access is the straight-line distance from the
 * LSOA centre to the nearest asset of a category. Pure: runs on any thread.
 */

/** 0 = deciles 6-10, 1 = deciles 3-5, 2 = deciles 1-2 (Core20). */
export type NeedClass = 0 | 1 | 2;
/** 0 = an asset within reach, 1 = within twice the reach, 2 = further or none found. */
export type AccessClass = 0 | 1 | 2;

export const NEED_LABELS: readonly string[] = [
  'national deciles 6-10 (least deprived half)',
  'national deciles 3-5',
  'national deciles 1-2 (Core20, most deprived)',
];

export function accessLabels(radiusMetres: number): string[] {
  const km = (m: number) => (m >= 1000 ? `${(m / 1000).toLocaleString('en-GB')} km` : `${m} m`);
  return [
    `within ${km(radiusMetres)}`,
    `${km(radiusMetres)} to ${km(2 * radiusMetres)}`,
    `over ${km(2 * radiusMetres)}`,
  ];
}

/**
 * Joshua Stevens' green-blue 3x3 scheme, rows by need (low to high), columns by access (good
 * to poor). Lightness rises along both axes, and the hues differ in blue-yellow, which the
 * common colour-vision deficiencies keep; Nowosad (2020) found it among the most legible
 * bivariate schemes under simulated deuteranopia, protanopia and tritanopia.
 */
export const BIVARIATE_COLOURS: readonly (readonly string[])[] = [
  ['#e8e8e8', '#b5c0da', '#6c83b5'],
  ['#b8d6be', '#90b2b3', '#567994'],
  ['#73ae80', '#5a9178', '#2a5a5b'],
];

/** Need class of a national decile (1 = most deprived); null when it is not 1..10. */
export function needClass(decile: number): NeedClass | null {
  if (!Number.isInteger(decile) || decile < 1 || decile > 10) return null;
  return decile <= 2 ? 2 : decile <= 5 ? 1 : 0;
}

export function accessClass(nearestMetres: number | null, radiusMetres: number): AccessClass {
  if (nearestMetres === null || !Number.isFinite(nearestMetres)) return 2;
  if (nearestMetres <= radiusMetres) return 0;
  return nearestMetres <= 2 * radiusMetres ? 1 : 2;
}

/**
 * Distance to the nearest asset of every area from a catchment run in which every area was
 * flagged: areas in `unreached` carry their nearest distance (or null); the rest are within
 * the radius, so 0 stands for "within reach".
 */
export function nearestFromCatchment(
  areaCount: number,
  unreached: readonly { area: number; nearestMetres: number | null }[],
): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(areaCount).fill(0);
  for (const u of unreached) if (u.area >= 0 && u.area < areaCount) out[u.area] = u.nearestMetres;
  return out;
}

export interface BivariateCell {
  need: NeedClass;
  access: AccessClass;
  colour: string;
}

/** Class and colour of each area; null where the decile is unknown. */
export function bivariateCells(
  deciles: readonly (number | null)[],
  nearest: readonly (number | null)[],
  radiusMetres: number,
): (BivariateCell | null)[] {
  return deciles.map((d, i) => {
    const need = d === null ? null : needClass(d);
    if (need === null) return null;
    const access = accessClass(nearest[i] ?? null, radiusMetres);
    return { need, access, colour: BIVARIATE_COLOURS[need]?.[access] ?? '#999999' };
  });
}

/** Areas per cell, [need][access], for the legend. */
export function cellCounts(cells: readonly (BivariateCell | null)[]): number[][] {
  const counts = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (const c of cells) {
    const row = c ? counts[c.need] : undefined;
    if (c && row) row[c.access] = (row[c.access] ?? 0) + 1;
  }
  return counts;
}
