import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import { fillLayer } from '../map/area_layers.ts';
import { byId, el } from '../ui/dom.ts';

/** What a hovered area shows in the tooltip: its name and two lines. */
export interface TooltipText {
  name: string;
  value: string;
  rank: string;
}

export interface MapActions {
  hover(code: string | undefined): void;
  select(code: string): void;
  tooltip(code: string): TooltipText | null;
  /** The map came to rest at zoom/lat/lon. */
  moved(at: string): void;
}

/**
 * Mouse on the map: hover tooltip, click to select, and the position kept in the view. MapLibre
 * binds layer events to layers that exist, so each geography is bound when its layers are added.
 */
export class MapInteraction {
  private readonly tooltip = byId('tooltip');

  constructor(
    private readonly map: MapLibreMap,
    private readonly act: MapActions,
  ) {
    map.on('moveend', () => {
      const c = map.getCenter();
      act.moved(`${map.getZoom().toFixed(2)}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`);
    });
  }

  private readonly bound = new Set<GeographyId>();

  /** Binds a geography's layers once (later calls do nothing). */
  bindGeography(g: GeographyId): void {
    if (this.bound.has(g)) return;
    this.bound.add(g);
    for (const layer of [fillLayer(g), `${g}-hatch`]) {
      this.map.on('mousemove', layer, (e) => this.move(e));
      this.map.on('mouseleave', layer, () => this.leave());
      this.map.on('click', layer, (e) => {
        const code = e.features?.[0]?.properties?.code;
        if (typeof code === 'string') this.act.select(code);
      });
    }
  }

  private move(e: MapLayerMouseEvent): void {
    const f = e.features?.[0];
    const code = typeof f?.properties?.code === 'string' ? f.properties.code : undefined;
    this.act.hover(code);
    const text = code ? this.act.tooltip(code) : null;
    if (!text) return;
    this.tooltip.replaceChildren(
      el('strong', { text: text.name }),
      el('br'),
      text.value,
      el('br'),
      text.rank,
    );
    this.tooltip.hidden = false;
    this.tooltip.style.left = `${e.point.x + 14}px`;
    this.tooltip.style.top = `${e.point.y + 14}px`;
    this.map.getCanvas().style.cursor = 'pointer';
  }

  private leave(): void {
    this.act.hover(undefined);
    this.tooltip.hidden = true;
    this.map.getCanvas().style.cursor = '';
  }
}
