/**
 * Lets one map tool at a time (picking areas, drawing a polygon) take the map's clicks. While a
 * tool holds it, clicks and double-clicks on the map canvas are stopped in the capture phase on
 * the map container, before MapLibre sees them: the atlas does not select the area under the
 * pointer, and a double-click does not zoom. Drags still pan the map.
 */
import type { LngLat, Map as MapLibreMap } from 'maplibre-gl';

export interface CapturedClick {
  type: 'click' | 'dblclick';
  /** Pixels from the top left of the map canvas. */
  point: { x: number; y: number };
  lngLat: LngLat;
}

export type ClickHandler = (click: CapturedClick) => void;

/** Pointer travel, in pixels, beyond which a press is a drag and not a click. */
const CLICK_TOLERANCE = 4;

export class MapClickCapture {
  private handler: ClickHandler | null = null;
  private down: { x: number; y: number } | null = null;

  constructor(private readonly map: MapLibreMap) {
    const box = map.getContainer();
    box.addEventListener(
      'mousedown',
      (e) => {
        this.down = { x: e.clientX, y: e.clientY };
      },
      true,
    );
    for (const type of ['click', 'dblclick'] as const) {
      box.addEventListener(type, (e) => this.intercept(type, e), true);
    }
  }

  /** Gives the clicks to `handler` until `release`; a later `take` replaces it. */
  take(handler: ClickHandler): void {
    this.handler = handler;
  }

  release(handler: ClickHandler): void {
    if (this.handler === handler) this.handler = null;
  }

  private intercept(type: 'click' | 'dblclick', e: MouseEvent): void {
    const handler = this.handler;
    // Controls, popups and markers keep their clicks; only the canvas is taken.
    if (!handler || !(e.target instanceof HTMLCanvasElement)) return;
    e.stopPropagation();
    e.preventDefault();
    const moved = this.down ? Math.hypot(e.clientX - this.down.x, e.clientY - this.down.y) : 0;
    if (type === 'click' && moved > CLICK_TOLERANCE) return;
    const rect = this.map.getCanvas().getBoundingClientRect();
    const point = { x: e.clientX - rect.left, y: e.clientY - rect.top };
    handler({ type, point, lngLat: this.map.unproject([point.x, point.y]) });
  }
}
