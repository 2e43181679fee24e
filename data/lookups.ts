import { z } from 'zod';
import { gss, num, text } from './csv_table.ts';
import { RawReader } from './raw_reader.ts';

/**
 * The lookups every bundle uses, each read once per build (the England-wide files of
 * boundaries/england, and the Liverpool City Region files for what only they have: the
 * LSOA 2011-2021 overlap, House of Commons Library MSOA names, the official ONS LSOA-ward
 * best-fit lookups carried in the IoD LCR files). Functions take a RawReader, or a raw
 * folder path for one-off use (cli/).
 */
type Raw = RawReader | string;
const reader = (raw: Raw) => (typeof raw === 'string' ? new RawReader(raw) : raw);

const NestRow = z.object({
  LSOA11CD: gss('E01').optional(),
  LSOA21CD: gss('E01').optional(),
  MSOA11CD: gss('E02').optional(),
  MSOA21CD: gss('E02').optional(),
  LADCD: gss('E06', 'E07', 'E08', 'E09'),
});

/** LSOA -> MSOA of the same vintage (exact nesting), England. */
export function readLsoaToMsoa(raw: Raw, vintage: '2011' | '2021'): Promise<Map<string, string>> {
  const r = reader(raw);
  return r.memo(`lsoaToMsoa${vintage}`, async () => {
    const key = vintage === '2011' ? 'lsoa11ToMsoa11' : 'lsoa21ToMsoa21';
    const out = new Map<string, string>();
    for (const { value: row } of await r.table(key, NestRow)) {
      const lsoa = vintage === '2011' ? row.LSOA11CD : row.LSOA21CD;
      const msoa = vintage === '2011' ? row.MSOA11CD : row.MSOA21CD;
      if (lsoa && msoa) out.set(lsoa, msoa);
    }
    return out;
  });
}

const AreaFitRow = z.object({
  LSOA11CD: gss('E01').optional(),
  LSOA21CD: gss('E01').optional(),
  WD25CD: gss('E05'),
  share_of_lsoa_area: num,
});

/** Every English LSOA code of a vintage with the current district whose boundary file holds it. */
export function readLsoaDistricts(
  raw: Raw,
  vintage: '2011' | '2021',
): Promise<ReadonlyMap<string, string>> {
  const r = reader(raw);
  return r.memo(`lsoaDistricts${vintage}`, async () => {
    const key = vintage === '2011' ? 'lsoa11ToMsoa11' : 'lsoa21ToMsoa21';
    const out = new Map<string, string>();
    for (const { value: row } of await r.table(key, NestRow)) {
      const lsoa = vintage === '2011' ? row.LSOA11CD : row.LSOA21CD;
      if (lsoa) out.set(lsoa, row.LADCD);
    }
    return out;
  });
}

/** LSOA -> ward 2025 by largest area share (derived, not ONS), England. */
export function readLsoaToWardAreaFit(
  raw: Raw,
  vintage: '2011' | '2021',
): Promise<Map<string, string>> {
  const r = reader(raw);
  return r.memo(`wardAreaFit${vintage}`, async () => {
    const key = vintage === '2011' ? 'lsoa11ToWard25Area' : 'lsoa21ToWard25Area';
    const out = new Map<string, string>();
    for (const { value: row } of await r.table(key, AreaFitRow)) {
      const lsoa = vintage === '2011' ? row.LSOA11CD : row.LSOA21CD;
      if (lsoa) out.set(lsoa, row.WD25CD);
    }
    return out;
  });
}

const OverlapRow = z.object({
  LSOA11CD: gss('E01'),
  LSOA21CD: gss('E01'),
  share_of_lsoa11_area: num,
  CHGIND_derived: z.enum(['U', 'S', 'M', 'X']),
  LADCD: gss(),
});
export type OverlapLink = z.infer<typeof OverlapRow>;

/** Every LSOA 2011 - LSOA 2021 overlap pair with area shares (Liverpool City Region only). */
export async function readLsoaOverlap(raw: Raw): Promise<OverlapLink[]> {
  return (await reader(raw).table('lsoa11ToLsoa21', OverlapRow)).map((r) => r.value);
}

const CentreRow = z.object({
  LSOACD: gss('E01'),
  vintage: z.enum(['2011', '2021', '2011+2021']),
  latitude: num.refine((v) => v > 49 && v < 56, 'latitude outside England'),
  longitude: num.refine((v) => v > -7 && v < 2, 'longitude outside England'),
  LADCD: gss(),
});

/** LSOA centre points (not population-weighted) keyed by vintage then code, England. */
export function readLsoaCentres(
  raw: Raw,
): Promise<Record<'2011' | '2021', Map<string, [number, number]>>> {
  const r = reader(raw);
  return r.memo('centres', async () => {
    const out = {
      '2011': new Map<string, [number, number]>(),
      '2021': new Map<string, [number, number]>(),
    };
    for (const { value: row } of await r.table('lsoaCentres', CentreRow)) {
      const p: [number, number] = [row.longitude, row.latitude];
      if (row.vintage.includes('2011')) out['2011'].set(row.LSOACD, p);
      if (row.vintage.includes('2021')) out['2021'].set(row.LSOACD, p);
    }
    return out;
  });
}

const MsoaNameRow = z.object({ MSOACD: gss('E02'), MSOAHCLNM: text });

/** House of Commons Library friendly MSOA names (Liverpool City Region only). */
export function readMsoaNames(raw: Raw): Promise<Map<string, string>> {
  const r = reader(raw);
  return r.memo('msoaNames', async () => {
    const rows = await r.table('msoaNames', MsoaNameRow);
    return new Map(rows.map((x) => [x.value.MSOACD, x.value.MSOAHCLNM.trim()]));
  });
}

const Official11 = z.object({ lsoa11cd: gss('E01'), wd19cd: gss('E05') });
const Official21 = z.object({ lsoa21cd: gss('E01'), wd24cd: gss('E05') });

/**
 * The official ONS LSOA->ward best-fit lookups carried in the IoD LCR files: LSOA 2011 ->
 * ward 2019 and LSOA 2021 -> ward 2024 (Liverpool City Region only).
 */
export function readOfficialWardLookup(
  raw: Raw,
  vintage: '2011' | '2021',
): Promise<Map<string, string>> {
  const r = reader(raw);
  return r.memo(`officialWard${vintage}`, async () => {
    if (vintage === '2011') {
      const rows = await r.table('imd2019Lcr', Official11);
      return new Map(rows.map((x) => [x.value.lsoa11cd, x.value.wd19cd]));
    }
    const rows = await r.table('imd2025Lcr', Official21);
    return new Map(rows.map((x) => [x.value.lsoa21cd, x.value.wd24cd]));
  });
}
