/**
 * The areas a profile page can be made of, as data for the report toolbar's "Area" list: the
 * custom area asked for (if any), then every area of the geography on the map and of the other
 * profile geographies, by name. Pure: no DOM.
 */
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { AtlasView } from '../state/atlas_view.ts';

/** Geographies offered for a profile, beside the one on the map. */
const PROFILE_GEOGRAPHIES: GeographyId[] = ['ward', 'msoa21', 'msoa11', 'lsoa21', 'lsoa11'];

export interface AreaOptionGroup {
  label: string;
  /** Value "geography:code" (or "custom:id") and the text shown. */
  options: { value: string; text: string }[];
}

export function profileAreaGroups(
  view: AtlasView,
  custom: { id: string; name: string } | null,
): AreaOptionGroup[] {
  const groups: AreaOptionGroup[] = [];
  if (custom)
    groups.push({
      label: 'Custom area',
      options: [{ value: `custom:${custom.id}`, text: custom.name }],
    });
  const geographies = [view.geography, ...PROFILE_GEOGRAPHIES.filter((g) => g !== view.geography)];
  for (const g of geographies) {
    const t = view.model.tables[g];
    if (!t || t.codes.length === 0) continue;
    const order = t.codes
      .map((_, i) => i)
      .sort((a, b) => (t.names[a] ?? '').localeCompare(t.names[b] ?? ''));
    groups.push({
      label: `${GEOGRAPHY_LEVELS[g].label} (${t.codes.length})`,
      options: order.map((i) => ({
        value: `${g}:${t.codes[i] ?? ''}`,
        text: `${t.names[i] ?? ''} (${t.codes[i] ?? ''})`,
      })),
    });
  }
  return groups;
}

/** The area picked when the one wanted is not in the list: the first ward, else the first. */
export function fallbackArea(view: AtlasView, groups: readonly AreaOptionGroup[]): string {
  const wardFirst = view.model.tables.ward?.codes[0];
  return wardFirst ? `ward:${wardFirst}` : (groups[0]?.options[0]?.value ?? '');
}
