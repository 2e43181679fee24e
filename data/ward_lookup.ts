/**
 * Which LSOA -> ward lookup to use, per district (pure; used by the pipeline and the CLI):
 * the official ONS best-fit lookup where its wards are the boundary set's wards, the derived
 * largest-area-share lookup elsewhere (e.g. Liverpool's 2023 wards for 2011 LSOAs). The method
 * names which districts used which.
 */
export interface WardLookupInput {
  vintage: '2011' | '2021';
  /** LSOA codes and their districts, in the same order. */
  lsoaCodes: readonly string[];
  lsoaDistricts: readonly string[];
  /** Codes of the wards being built. */
  wardCodes: ReadonlySet<string>;
  districts: readonly { code: string; name: string }[];
  official: ReadonlyMap<string, string>;
  areaFit: ReadonlyMap<string, string>;
}

export function chooseWardLookup(input: WardLookupInput): {
  lookup: Map<string, string>;
  lookupMethod: string;
} {
  const { vintage, lsoaCodes, lsoaDistricts, wardCodes, districts, official, areaFit } = input;
  const lookup = new Map<string, string>();
  const usedOfficial: string[] = [];
  const usedAreaFit: string[] = [];
  const noOfficial: string[] = [];
  for (const d of districts) {
    const members = lsoaCodes.filter((_, i) => lsoaDistricts[i] === d.code);
    const fits = members.every((c) => wardCodes.has(official.get(c) ?? ''));
    const none = members.every((c) => !official.has(c));
    (fits ? usedOfficial : none ? noOfficial : usedAreaFit).push(d.name);
    for (const c of members) {
      const w = fits ? official.get(c) : areaFit.get(c);
      if (w !== undefined) lookup.set(c, w);
    }
  }
  const several = districts.length > 1;
  const parts: string[] = [];
  if (usedOfficial.length > 0)
    parts.push(
      `the ONS LSOA ${vintage} to ward ${vintage === '2011' ? '2019' : '2024'} best-fit lookup${several ? ` (${usedOfficial.join(', ')})` : ''}`,
    );
  if (usedAreaFit.length > 0)
    parts.push(
      `the derived largest-area-share LSOA ${vintage} to ward 2025 lookup${several ? ` (${usedAreaFit.join(', ')})` : ''}, because the best-fit wards there are not the 2025 wards`,
    );
  if (noOfficial.length > 0)
    parts.push(
      `the derived largest-area-share LSOA ${vintage} to ward 2025 lookup${several ? ` (${noOfficial.join(', ')})` : ''}, because the raw data has no ONS best-fit lookup there`,
    );
  return { lookup, lookupMethod: parts.join('; ') };
}
