import {
  interpolateCividis,
  schemeBlues,
  schemeOrRd,
  schemePurples,
  schemeYlGnBu,
} from 'd3-scale-chromatic';

/**
 * Colour-blind-safe sequential palettes (ColorBrewer single/multi-hue and cividis). Colours run
 * light to dark; the dark end is always "worse" (see colourForClass).
 */
export const PALETTES = {
  purples: { label: 'Purples', scheme: (k: number) => pick(schemePurples, k) },
  orrd: { label: 'Orange-red', scheme: (k: number) => pick(schemeOrRd, k) },
  blues: { label: 'Blues', scheme: (k: number) => pick(schemeBlues, k) },
  ylgnbu: { label: 'Yellow-green-blue', scheme: (k: number) => pick(schemeYlGnBu, k) },
  cividis: {
    label: 'Cividis',
    scheme: (k: number) =>
      Array.from({ length: k }, (_, i) => interpolateCividis(1 - i / Math.max(1, k - 1))),
  },
} as const;
export type PaletteId = keyof typeof PALETTES;
export const PALETTE_IDS = Object.keys(PALETTES) as PaletteId[];

function pick(scheme: readonly (readonly string[])[], k: number): string[] {
  const n = Math.max(3, Math.min(9, k));
  const colours = scheme[n] ?? scheme[9] ?? [];
  if (k >= 3) return [...colours].slice(0, k);
  return [colours[2] ?? '#ccc', colours[n - 1] ?? '#333'].slice(0, k);
}

/**
 * Colour of class `cls` of `k`. When higher values are better, the lowest class is the worst
 * and gets the darkest colour.
 */
export function colourForClass(
  palette: PaletteId,
  k: number,
  cls: number,
  higherIsBetter: boolean,
): string {
  const colours = k > 9 ? interpolated(palette, k) : PALETTES[palette].scheme(k);
  const i = higherIsBetter ? k - 1 - cls : cls;
  return colours[i] ?? '#999';
}

function interpolated(palette: PaletteId, k: number): string[] {
  const nine = PALETTES[palette].scheme(9);
  return Array.from({ length: k }, (_, i) => nine[Math.round((i * 8) / (k - 1))] ?? '#999');
}

/** Black or white text, whichever is more readable on `hex`. */
export function textOn(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) return '#000';
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  return lum > 0.18 ? '#000' : '#fff';
}
