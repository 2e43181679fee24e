/** The zooms of the naive page's vector tiles: cut by build_naive.ts, read by naive.ts. */
export const NAIVE_TILE_ZOOMS = { min: 8, max: 12 };
