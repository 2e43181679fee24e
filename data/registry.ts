import { z } from 'zod';
import { gss, int, text } from './csv_table.ts';
import { PipelineError } from './errors.ts';
import type { RawReader } from './raw_reader.ts';

/**
 * The English local authority districts of boundaries/england/lad.csv (the 296 current ones,
 * with their county, combined authority and region) and the code history that maps an older
 * district code (IMD 2019 uses 2019 codes) to the current one.
 */
export interface Named {
  code: string;
  name: string;
}

export interface District extends Named {
  /** Upper-tier authority: a county (E10) or the district itself (unitary, metropolitan, London). */
  upperTier: Named;
  /** Combined authority as carried by the source (stale for those set up from 2024), or null. */
  combinedAuthority: Named | null;
  region: Named;
  /** Distinct area codes in the district's boundary files (lad.csv). */
  counts: { lsoa21: number; lsoa11: number; msoa21: number; msoa11: number; ward: number };
}

export interface Registry {
  /** Current districts, sorted by code. */
  districts: District[];
  byCode: ReadonlyMap<string, District>;
  /** Any English district code, current or older, to the current one. */
  current: ReadonlyMap<string, string>;
  /** Names of older codes, for messages. */
  formerNames: ReadonlyMap<string, string>;
}

const LadRow = z.object({
  LADCD: gss('E06', 'E07', 'E08', 'E09'),
  LADNM: text,
  UTLACD: gss(),
  UTLANM: text,
  CAUTHCD: z.union([z.literal(''), gss('E47')]),
  CAUTHNM: text,
  RGNCD: gss('E12'),
  RGNNM: text,
  n_lsoa21: int,
  n_lsoa11: int,
  n_msoa21: int,
  n_msoa11: int,
  n_ward: int,
});

const HistoryRow = z.object({
  LADCD: gss('E06', 'E07', 'E08', 'E09'),
  LADNM: text,
  LADCD_ACTIVE: gss('E06', 'E07', 'E08', 'E09'),
  Current: z.enum(['TRUE', 'FALSE']),
});

export async function readRegistry(raw: RawReader): Promise<Registry> {
  return raw.memo('registry', async () => {
    const lads = await raw.table('ladList', LadRow);
    const history = await raw.table('ladHistory', HistoryRow);
    const districts: District[] = lads
      .map(({ value: r }) => ({
        code: r.LADCD,
        name: r.LADNM.trim(),
        upperTier: { code: r.UTLACD, name: r.UTLANM.trim() },
        combinedAuthority: r.CAUTHCD ? { code: r.CAUTHCD, name: r.CAUTHNM.trim() } : null,
        region: { code: r.RGNCD, name: r.RGNNM.trim() },
        counts: {
          lsoa21: r.n_lsoa21,
          lsoa11: r.n_lsoa11,
          msoa21: r.n_msoa21,
          msoa11: r.n_msoa11,
          ward: r.n_ward,
        },
      }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const byCode = new Map(districts.map((d) => [d.code, d]));
    const current = new Map(districts.map((d) => [d.code, d.code]));
    const formerNames = new Map<string, string>();
    for (const { value: h, line } of history) {
      if (!byCode.has(h.LADCD_ACTIVE)) {
        throw new PipelineError(
          `${raw.display('ladHistory')} maps ${h.LADCD} to ${h.LADCD_ACTIVE}, which is not a district of ${raw.display('ladList')}.`,
          [
            {
              file: raw.display('ladHistory'),
              line,
              field: 'LADCD_ACTIVE',
              value: h.LADCD_ACTIVE,
              message: 'unknown current district',
            },
          ],
        );
      }
      current.set(h.LADCD, h.LADCD_ACTIVE);
      if (h.Current === 'FALSE') formerNames.set(h.LADCD, h.LADNM.trim());
    }
    return { districts, byCode, current, formerNames };
  });
}
