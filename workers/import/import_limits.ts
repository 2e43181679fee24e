/** What one import may hold: enough for every LSOA in England several times over. */
export const IMPORT_LIMITS = {
  /** Largest file, in bytes of UTF-8 text (20 MB). */
  maxBytes: 20 * 1024 * 1024,
  /** Most data rows (the header not counted). */
  maxRows: 200_000,
  /** Most row problems listed before the rest are summarised. */
  maxProblems: 100,
} as const;

/** True when `text` is more than `maxBytes` of UTF-8, encoding it only when its length leaves doubt. */
export function overByteLimit(text: string, maxBytes: number = IMPORT_LIMITS.maxBytes): boolean {
  // Each UTF-16 unit is one to three UTF-8 bytes.
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return new TextEncoder().encode(text).length > maxBytes;
}
