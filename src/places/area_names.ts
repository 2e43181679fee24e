import type { AreaContext } from '../../contracts/places.ts';

/**
 * The ward and neighbourhood an LSOA lies in, so that a planner reads "Sefton 032E, Linacre
 * ward, Bootle Strand" rather than a code. Filled once the place file has loaded (after the
 * first frame); until then, and for areas without context, names are returned unchanged.
 */
let context: Readonly<Record<string, AreaContext>> = {};
let method = '';

export function setAreaContext(c: Readonly<Record<string, AreaContext>>, how: string): void {
  context = c;
  method = how;
}

/** How the context was assigned (for a footnote), or '' before it has loaded. */
export function areaContextMethod(): string {
  return method;
}

/** "Linacre ward, Bootle Strand" for an LSOA, or '' when nothing is known. */
export function placeOf(code: string): string {
  const c = context[code];
  if (!c) return '';
  return [c.ward ? `${c.ward} ward` : '', c.neighbourhood ?? ''].filter(Boolean).join(', ');
}

/** An area's name with where it is: "Sefton 032E (Linacre ward, Bootle Strand)". */
export function nameWithPlace(code: string, name: string): string {
  const p = placeOf(code);
  return p ? `${name} (${p})` : name;
}
