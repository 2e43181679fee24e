/**
 * Geography rules in one place (the ONS explore-local-statistics habit): which GSS code
 * prefix belongs to which level, and which boundary vintage each geography is.
 */
export const GEOGRAPHY_IDS = ['lsoa11', 'lsoa21', 'msoa11', 'msoa21', 'ward', 'lad'] as const;
export type GeographyId = (typeof GEOGRAPHY_IDS)[number];

export interface GeographyLevel {
  id: GeographyId;
  /** Human label, always naming the vintage. */
  label: string;
  /** Short plural noun for counts ("189 LSOAs"). */
  noun: string;
  /** GSS code prefixes of this level in England. */
  codePrefixes: readonly string[];
  /** Boundary vintage (year of the boundary set). */
  vintage: string;
  /** LSOA vintage its data comes from, for geographies built up from LSOAs. */
  lsoaVintage: '2011' | '2021' | null;
}

export const GEOGRAPHY_LEVELS: Record<GeographyId, GeographyLevel> = {
  lsoa11: {
    id: 'lsoa11',
    label: 'LSOA (2011)',
    noun: 'LSOAs',
    codePrefixes: ['E01'],
    vintage: '2011',
    lsoaVintage: '2011',
  },
  lsoa21: {
    id: 'lsoa21',
    label: 'LSOA (2021)',
    noun: 'LSOAs',
    codePrefixes: ['E01'],
    vintage: '2021',
    lsoaVintage: '2021',
  },
  msoa11: {
    id: 'msoa11',
    label: 'MSOA (2011)',
    noun: 'MSOAs',
    codePrefixes: ['E02'],
    vintage: '2011',
    lsoaVintage: '2011',
  },
  msoa21: {
    id: 'msoa21',
    label: 'MSOA (2021)',
    noun: 'MSOAs',
    codePrefixes: ['E02'],
    vintage: '2021',
    lsoaVintage: '2021',
  },
  ward: {
    id: 'ward',
    label: 'Electoral ward (2025)',
    noun: 'wards',
    codePrefixes: ['E05'],
    vintage: '2025',
    lsoaVintage: null,
  },
  lad: {
    id: 'lad',
    label: 'Local authority',
    noun: 'local authorities',
    codePrefixes: ['E06', 'E07', 'E08', 'E09'],
    vintage: '2024',
    lsoaVintage: null,
  },
};

const GSS_CODE = /^[EWSN]\d{8}$/;

/** True when `code` looks like a GSS code of the given level (prefix and shape). */
export function isCodeOfLevel(code: string, level: GeographyId): boolean {
  return (
    GSS_CODE.test(code) && GEOGRAPHY_LEVELS[level].codePrefixes.some((p) => code.startsWith(p))
  );
}

/** Levels whose prefix matches `code` (LSOA codes match both LSOA vintages). */
export function levelsOfCode(code: string): GeographyId[] {
  return GEOGRAPHY_IDS.filter((id) => isCodeOfLevel(code, id));
}

export const ENGLAND_CODE = 'E92000001';

/** Liverpool City Region combined authority and its six districts. */
export const LCR = {
  code: 'E47000004',
  name: 'Liverpool City Region',
  districts: ['E06000006', 'E08000011', 'E08000012', 'E08000013', 'E08000014', 'E08000015'],
} as const;

/** The level a user picks on the map (the vintage follows from the indicator). */
export const LEVELS = ['lsoa', 'msoa', 'ward'] as const;
export type Level = (typeof LEVELS)[number];

/** The geographies a level is drawn on, newest vintage first. */
export const LEVEL_GEOGRAPHIES: Record<Level, readonly GeographyId[]> = {
  lsoa: ['lsoa21', 'lsoa11'],
  msoa: ['msoa21', 'msoa11'],
  ward: ['ward'],
};

/**
 * The geography an indicator is drawn at on a level, from its metadata: its own (published)
 * vintage when it has one there, else another it is available on; null when on none.
 */
export function geographyOfIndicator(
  meta: { geographies: Partial<Record<GeographyId, { derived: boolean }>> } | undefined,
  level: Level,
): GeographyId | null {
  const candidates = LEVEL_GEOGRAPHIES[level].filter((g) => meta?.geographies[g]);
  return candidates.find((g) => !meta?.geographies[g]?.derived) ?? candidates[0] ?? null;
}

/**
 * The view a link without parameters opens. The pipeline names each bundle's geography for
 * it in index.json, so the map can start loading that geography before the manifest arrives.
 */
export const OPENING_VIEW = { level: 'lsoa', ind: 'imd2019_score' } as const satisfies {
  level: Level;
  ind: string;
};

/** Where a bundle keeps a geography's GeoJSON for the map, relative to its folder. */
export const mapGeojsonPath = (g: GeographyId) => `geo/${g}.geojson`;

/** The map level a geography is shown at; null for the authority itself. */
export function levelOfGeography(g: GeographyId): Level | null {
  if (g.startsWith('lsoa')) return 'lsoa';
  if (g.startsWith('msoa')) return 'msoa';
  if (g === 'ward') return 'ward';
  return null;
}
