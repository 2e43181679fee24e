/**
 * How other panels ask for a report page (the custom area section's "Profile page" button)
 * without importing the report view: the view registers itself here when it is built.
 */
import type { ProfileTarget } from './profile_model.ts';

export type ReportRequest = { kind: 'gap' } | { kind: 'profile'; target?: ProfileTarget };

let handler: ((request: ReportRequest) => void) | null = null;

export function onReportRequest(h: (request: ReportRequest) => void): void {
  handler = h;
}

/** Opens the report view; false when it is not on the page (yet). */
export function requestReport(request: ReportRequest): boolean {
  if (!handler) return false;
  handler(request);
  return true;
}
