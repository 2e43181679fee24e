/**
 * "Pick areas" on the map: while on, a click on an area of the geography on screen toggles it.
 * Picked areas are outlined through the feature-state `picked` on the atlas's own area source
 * (`areas-<geography>`), drawn by a line layer of the panel's.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import { fillLayer, sourceId } from '../map/area_layers.ts';
import type { CapturedClick, MapClickCapture } from './map_click_capture.ts';

/** Okabe-Ito vermilion: stands out on every atlas palette. */
const PICKED_COLOUR = '#D55E00';

export const pickedLayerId = (g: GeographyId) => `analysis-picked-${g}`;

export class AreaPicker {
  /** Geography and codes currently outlined. */
  private shown: { geography: GeographyId; codes: Set<string> } | null = null;
  private readonly onClick = (click: CapturedClick) => this.clicked(click);
  private geography: GeographyId | null = null;

  constructor(
    private readonly map: MapLibreMap,
    private readonly capture: MapClickCapture,
    /** Called with the code of a clicked area. */
    private readonly onToggle: (code: string) => void,
  ) {}

  /** Clicks on the map pick areas of `geography` until `stop`. */
  start(geography: GeographyId): void {
    this.geography = geography;
    this.capture.take(this.onClick);
    this.map.getCanvas().style.cursor = 'copy';
  }

  stop(): void {
    this.geography = null;
    this.capture.release(this.onClick);
    this.map.getCanvas().style.cursor = '';
  }

  get active(): boolean {
    return this.geography !== null;
  }

  /** Outlines exactly `codes` of `geography` (an empty set clears the outline). */
  outline(geography: GeographyId, codes: ReadonlySet<string>): void {
    const source = sourceId(geography);
    if (!this.map.getSource(source)) return;
    if (this.shown && this.shown.geography !== geography)
      this.outline(this.shown.geography, new Set());
    this.ensureLayer(geography);
    const before = this.shown?.geography === geography ? this.shown.codes : new Set<string>();
    for (const code of before) {
      if (!codes.has(code)) this.map.setFeatureState({ source, id: code }, { picked: false });
    }
    for (const code of codes) {
      if (!before.has(code)) this.map.setFeatureState({ source, id: code }, { picked: true });
    }
    this.shown = { geography, codes: new Set(codes) };
  }

  private ensureLayer(g: GeographyId): void {
    const id = pickedLayerId(g);
    if (this.map.getLayer(id)) return;
    this.map.addLayer({
      id,
      type: 'line',
      source: sourceId(g),
      paint: {
        'line-color': PICKED_COLOUR,
        'line-width': ['case', ['boolean', ['feature-state', 'picked'], false], 3.5, 0],
      },
    });
  }

  private clicked(click: CapturedClick): void {
    const g = this.geography;
    if (!g || click.type !== 'click') return;
    const layers = [fillLayer(g), `${g}-hatch`].filter((id) => this.map.getLayer(id));
    const feature = this.map.queryRenderedFeatures([click.point.x, click.point.y], { layers })[0];
    const code = feature?.properties?.code;
    if (typeof code === 'string') this.onToggle(code);
  }
}
