/**
 * The SII the analysis panel's inequality section shows now, as data, for the "SII chart"
 * figure export: the section publishes each answer here (and withdraws it while it works or
 * when it refuses), the export reads it. The export never reads the figures back from the page.
 * Same pattern as `report_requests.ts`: a mailbox that lets a panel and the reports meet
 * without importing each other.
 */
import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import type { InequalityOutput } from '../../workers/inequality/inequality_by_deprivation.ts';

export interface ShownSii {
  geography: GeographyId;
  meta: IndicatorMeta;
  /** "decile" or "quintile". */
  noun: string;
  output: InequalityOutput;
}

let shown: ShownSii | null = null;

/** Called by the inequality section: its answer on screen, or null while none is shown. */
export function showSii(s: ShownSii | null): void {
  shown = s;
}

/** The answer on screen when it is of this geography and indicator; null otherwise. */
export function shownSii(geography: GeographyId, indicatorId: string): ShownSii | null {
  return shown && shown.geography === geography && shown.meta.id === indicatorId ? shown : null;
}
