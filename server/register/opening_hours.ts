import { WEEKDAYS, type OpeningPeriod, type Weekday } from '../db/asset_store.ts';

/** "mo 09:00-13:00; mo 14:00-18:00": the one-cell form used in CSV export and import. */
export function formatOpeningHours(periods: readonly OpeningPeriod[] | null): string {
  return (periods ?? []).map((p) => `${p.day} ${p.opens}-${p.closes}`).join('; ');
}

/** Inverse of formatOpeningHours; entries it cannot read are returned as strings for zod. */
export function parseOpeningHours(text: string): (OpeningPeriod | string)[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((entry) => {
      const m = /^([a-z]{2})\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/i.exec(entry);
      const day = m?.[1]?.toLowerCase();
      if (!m?.[2] || !m[3] || !day || !(WEEKDAYS as readonly string[]).includes(day)) return entry;
      return { day: day as Weekday, opens: m[2], closes: m[3] };
    });
}
