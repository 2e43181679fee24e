import { z } from 'zod';
import { gss, num, readCsvTable, text } from './csv_table.ts';
import { RAW, rawPath } from './raw_catalogue.ts';

const NestRow = z.object({
  LSOA11CD: gss('E01').optional(),
  LSOA21CD: gss('E01').optional(),
  MSOA11CD: gss('E02').optional(),
  MSOA21CD: gss('E02').optional(),
  LADCD: gss('E06', 'E07', 'E08', 'E09'),
});

/** LSOA -> MSOA of the same vintage (exact nesting). */
export async function readLsoaToMsoa(
  rawDir: string,
  vintage: '2011' | '2021',
): Promise<Map<string, string>> {
  const key = vintage === '2011' ? 'lsoa11ToMsoa11' : 'lsoa21ToMsoa21';
  const rows = await readCsvTable(rawPath(rawDir, key), RAW[key].path, NestRow);
  const out = new Map<string, string>();
  for (const { value: r } of rows) {
    const lsoa = vintage === '2011' ? r.LSOA11CD : r.LSOA21CD;
    const msoa = vintage === '2011' ? r.MSOA11CD : r.MSOA21CD;
    if (lsoa && msoa) out.set(lsoa, msoa);
  }
  return out;
}

const AreaFitRow = z.object({
  LSOA11CD: gss('E01').optional(),
  LSOA21CD: gss('E01').optional(),
  WD25CD: gss('E05'),
  share_of_lsoa_area: num,
});

/** LSOA -> ward 2025 by largest area share (derived, not ONS). */
export async function readLsoaToWardAreaFit(
  rawDir: string,
  vintage: '2011' | '2021',
): Promise<Map<string, string>> {
  const key = vintage === '2011' ? 'lsoa11ToWard25Area' : 'lsoa21ToWard25Area';
  const rows = await readCsvTable(rawPath(rawDir, key), RAW[key].path, AreaFitRow);
  const out = new Map<string, string>();
  for (const { value: r } of rows) {
    const lsoa = vintage === '2011' ? r.LSOA11CD : r.LSOA21CD;
    if (lsoa) out.set(lsoa, r.WD25CD);
  }
  return out;
}

const OverlapRow = z.object({
  LSOA11CD: gss('E01'),
  LSOA21CD: gss('E01'),
  share_of_lsoa11_area: num,
  CHGIND_derived: z.enum(['U', 'S', 'M', 'X']),
  LADCD: gss(),
});
export type OverlapLink = z.infer<typeof OverlapRow>;

/** Every LSOA 2011 - LSOA 2021 overlap pair with area shares. */
export async function readLsoaOverlap(rawDir: string): Promise<OverlapLink[]> {
  const rows = await readCsvTable(
    rawPath(rawDir, 'lsoa11ToLsoa21'),
    RAW.lsoa11ToLsoa21.path,
    OverlapRow,
  );
  return rows.map((r) => r.value);
}

const CentreRow = z.object({
  LSOACD: gss('E01'),
  vintage: z.enum(['2011', '2021', '2011+2021']),
  latitude: num.refine((v) => v > 49 && v < 56, 'latitude outside England'),
  longitude: num.refine((v) => v > -7 && v < 2, 'longitude outside England'),
  LADCD: gss(),
});

/** LSOA centre points (not population-weighted) keyed by vintage then code. */
export async function readLsoaCentres(
  rawDir: string,
): Promise<Record<'2011' | '2021', Map<string, [number, number]>>> {
  const rows = await readCsvTable(rawPath(rawDir, 'lsoaCentres'), RAW.lsoaCentres.path, CentreRow);
  const out = {
    '2011': new Map<string, [number, number]>(),
    '2021': new Map<string, [number, number]>(),
  };
  for (const { value: r } of rows) {
    const p: [number, number] = [r.longitude, r.latitude];
    if (r.vintage.includes('2011')) out['2011'].set(r.LSOACD, p);
    if (r.vintage.includes('2021')) out['2021'].set(r.LSOACD, p);
  }
  return out;
}

const MsoaNameRow = z.object({ MSOACD: gss('E02'), MSOAHCLNM: text });

/** House of Commons Library friendly MSOA names. */
export async function readMsoaNames(rawDir: string): Promise<Map<string, string>> {
  const rows = await readCsvTable(rawPath(rawDir, 'msoaNames'), RAW.msoaNames.path, MsoaNameRow);
  return new Map(rows.map((r) => [r.value.MSOACD, r.value.MSOAHCLNM.trim()]));
}

const Official11 = z.object({ lsoa11cd: gss('E01'), wd19cd: gss('E05') });
const Official21 = z.object({ lsoa21cd: gss('E01'), wd24cd: gss('E05') });

/**
 * The official ONS LSOA->ward best-fit lookups carried in the IoD files: LSOA 2011 -> ward
 * 2019 (imd2019 file) and LSOA 2021 -> ward 2024 (imd2025 file).
 */
export async function readOfficialWardLookup(
  rawDir: string,
  vintage: '2011' | '2021',
): Promise<Map<string, string>> {
  if (vintage === '2011') {
    const rows = await readCsvTable(rawPath(rawDir, 'imd2019'), RAW.imd2019.path, Official11);
    return new Map(rows.map((r) => [r.value.lsoa11cd, r.value.wd19cd]));
  }
  const rows = await readCsvTable(rawPath(rawDir, 'imd2025'), RAW.imd2025.path, Official21);
  return new Map(rows.map((r) => [r.value.lsoa21cd, r.value.wd24cd]));
}
