/** Number formats of the analysis panel (en-GB, as the rest of the atlas). */

export function fixed(v: number | null | undefined, decimals: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'no value';
  return v.toLocaleString('en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** "12,345" for counts of people. */
export function count(v: number | null | undefined): string {
  return fixed(v, 0);
}

/** "1.9 km" or "850 m". */
export function distance(metres: number | null): string {
  if (metres === null || !Number.isFinite(metres)) return 'none within 20 km';
  return metres >= 1000 ? `${fixed(metres / 1000, 1)} km` : `${fixed(metres, 0)} m`;
}

/** "12.3 (95% limits 10.1 to 14.5)". */
export function withLimits(
  e: { value: number; lower95: number; upper95: number },
  decimals: number,
): string {
  return `${fixed(e.value, decimals)} (95% limits ${fixed(e.lower95, decimals)} to ${fixed(e.upper95, decimals)})`;
}

/** "1 ward", "3 wards": the geography's plural noun made singular for one. */
export function areas(n: number, pluralNoun: string): string {
  return `${n} ${n === 1 ? pluralNoun.replace(/s$/, '') : pluralNoun}`;
}
