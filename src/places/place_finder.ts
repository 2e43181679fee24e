import type { GeographyId } from '../../contracts/geography.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import type { IndicatorTable } from '../../contracts/manifest.ts';
import type { PlaceEntry } from '../../contracts/places.ts';
import { el } from '../ui/dom.ts';
import { matchPlaces, PLACE_KIND_LABELS, suggestionText } from './place_search.ts';
import type { PlaceFiles } from './places.ts';

/** What finding a place needs from the atlas. */
export interface FinderContext {
  geography(): GeographyId;
  table(g: GeographyId): IndicatorTable;
  /** Index of the area of `g` holding each lon/lat pair, -1 for none (the engine's join). */
  locate(g: GeographyId, lonLat: Float64Array): Promise<Int32Array>;
  select(code: string): void;
  /** Bring a point into view. */
  show(at: [number, number]): void;
  /** Say what happened (a live region next to the box). */
  say(message: string): void;
}

/** The area of the geography on screen that a place lies in, and a sentence saying so. */
export async function areaForPlace(
  entry: PlaceEntry,
  ctx: FinderContext,
): Promise<{ code: string; message: string } | null> {
  const g = ctx.geography();
  const t = ctx.table(g);
  const [name, kind, code, lon, lat] = entry;
  const noun = GEOGRAPHY_LEVELS[g].label;
  const direct = code ? t.codes.indexOf(code) : -1;
  if (direct >= 0) return { code, message: `${name} (${PLACE_KIND_LABELS[kind]}) selected.` };
  const [i = -1] = await ctx.locate(g, new Float64Array([lon, lat]));
  const found = t.codes[i];
  if (i < 0 || !found) return null;
  const what = kind === 'postcode' ? `Postcode ${name}` : `${name} (${PLACE_KIND_LABELS[kind]})`;
  const where = kind === 'postcode' ? 'is in' : 'has its population centre in';
  return {
    code: found,
    message: `${what} ${where} ${noun} ${t.names[i] ?? found}, now selected.`,
  };
}

/**
 * Finds a typed place at whatever geography is on screen: an area of that geography by name or
 * code, else any ward, neighbourhood, LSOA or postcode of the place index, whose point selects
 * the area on screen holding it. Returns false when nothing matched.
 */
export async function findPlace(
  query: string,
  files: PlaceFiles,
  ctx: FinderContext,
): Promise<boolean> {
  const q = query.trim();
  if (!q) return false;
  const g = ctx.geography();
  const t = ctx.table(g);
  const lower = q.toLowerCase();
  const own = t.codes.findIndex(
    (c, j) =>
      c.toLowerCase() === lower ||
      (t.names[j] ?? '').toLowerCase() === lower ||
      `${t.names[j]} (${c})`.toLowerCase() === lower,
  );
  if (own >= 0) {
    const code = t.codes[own] ?? '';
    ctx.select(code);
    ctx.say(`${t.names[own] ?? code} selected.`);
    return true;
  }
  const index = await files.index();
  const best = index ? matchPlaces(index.entries, q, 1)[0] : undefined;
  if (!best) return false;
  const hit = await areaForPlace(best.entry, ctx);
  if (!hit) {
    ctx.say(`${best.entry[0]} is outside the areas on the map.`);
    return true;
  }
  ctx.show([best.entry[3], best.entry[4]]);
  ctx.select(hit.code);
  ctx.say(hit.message);
  return true;
}

/**
 * Suggestions as the user types: the place index loads on the first keystroke (not at start)
 * and the box's list is refilled with the best matches at every geography.
 */
export function wirePlaceSuggestions(
  input: HTMLInputElement,
  list: HTMLElement,
  files: PlaceFiles,
): void {
  let token = 0;
  input.addEventListener('input', () => {
    const mine = ++token;
    const q = input.value.trim();
    if (q.length < 2) return;
    void files.index().then((index) => {
      if (!index || mine !== token) return;
      list.replaceChildren(
        ...matchPlaces(index.entries, q, 12).map((m) =>
          el('option', { value: suggestionText(m.entry) }),
        ),
      );
    });
  });
}
