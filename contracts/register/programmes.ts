import { z } from 'zod';

/**
 * The programmes a community asset can belong to. The ids are stable (stored, exported, in
 * the Open Referral feed); the labels may be reworded. An asset belongs to one or none.
 */
export const PROGRAMMES = [
  { id: 'well_sefton', label: 'Well Sefton' },
  { id: 'taking_root', label: 'Taking Root' },
] as const;

export type ProgrammeId = (typeof PROGRAMMES)[number]['id'];

export const PROGRAMME_IDS = PROGRAMMES.map((p) => p.id) as [ProgrammeId, ...ProgrammeId[]];

const LABELS = new Map<string, string>(PROGRAMMES.map((p) => [p.id, p.label]));

export function programmeLabel(id: string | null): string | null {
  return id === null ? null : (LABELS.get(id) ?? id);
}

/** The programme field: one id, or none (null; an empty form value or CSV cell is none). */
export const programmeRule = z
  .enum([...PROGRAMME_IDS, ''], {
    error: `Must be one of ${PROGRAMME_IDS.join(', ')}, or empty for none`,
  })
  .nullable()
  .transform((v): ProgrammeId | null => (v === '' ? null : v));
