/**
 * Asset categories. The ids are stable (stored in the database and in exports); the labels are
 * for people and may be reworded without a migration.
 */
export const CATEGORIES = [
  { id: 'community_hub', label: 'Community hub' },
  { id: 'community_garden', label: 'Community garden or growing project' },
  { id: 'food', label: 'Food bank or pantry' },
  { id: 'health_wellbeing', label: 'Health and wellbeing' },
  { id: 'advice', label: 'Advice service' },
  { id: 'youth_family', label: 'Youth and family' },
  { id: 'arts_culture', label: 'Arts and culture' },
  { id: 'sport_activity', label: 'Sport and physical activity' },
  { id: 'library', label: 'Library' },
  { id: 'faith_group', label: 'Faith group' },
  { id: 'gp_practice', label: 'GP practice' },
  { id: 'pharmacy', label: 'Pharmacy' },
  { id: 'community_centre', label: 'Community centre' },
  { id: 'park_greenspace', label: 'Park or green space' },
  { id: 'leisure_centre', label: 'Leisure centre' },
  { id: 'other', label: 'Other' },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'];

export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]];

const LABELS = new Map<string, string>(CATEGORIES.map((c) => [c.id, c.label]));

export function categoryLabel(id: string): string {
  return LABELS.get(id) ?? id;
}

export function isCategoryId(id: string): id is CategoryId {
  return LABELS.has(id);
}
