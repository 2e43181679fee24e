/**
 * Drawing a polygon on the map: click to add a corner, double-click or Enter to finish, Escape
 * to cancel. The outline being drawn, and later the polygon of a drawn custom area, are shown
 * on a GeoJSON source of the panel's own.
 */
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { CapturedClick, MapClickCapture } from './map_click_capture.ts';

export type LonLat = [number, number];

const SOURCE = 'analysis-draw';
const INK = '#D55E00';
/** A second click closer than this to the last corner (a double-click) adds no corner. */
const SAME_POINT_PX = 6;

export interface DrawCallbacks {
  /** Corners so far, after each change. */
  onChange(corners: number): void;
  onFinish(ring: LonLat[]): void;
  /** Why drawing stopped without a polygon. */
  onCancel(reason: string): void;
}

export class PolygonDrawer {
  private corners: LonLat[] = [];
  private cursor: LonLat | null = null;
  private drawing = false;
  private readonly onClick = (click: CapturedClick) => this.clicked(click);
  private readonly onMove = (e: MapMouseEvent) => {
    this.cursor = [e.lngLat.lng, e.lngLat.lat];
    this.redraw();
  };
  private readonly onKey = (e: KeyboardEvent) => this.key(e);

  constructor(
    private readonly map: MapLibreMap,
    private readonly capture: MapClickCapture,
    private readonly callbacks: DrawCallbacks,
  ) {}

  get active(): boolean {
    return this.drawing;
  }

  start(): void {
    this.ensureLayers();
    this.corners = [];
    this.cursor = null;
    this.drawing = true;
    this.capture.take(this.onClick);
    this.map.on('mousemove', this.onMove);
    document.addEventListener('keydown', this.onKey);
    this.map.getCanvas().style.cursor = 'crosshair';
    this.redraw();
    this.callbacks.onChange(0);
  }

  /** Finishes with the corners so far (at least three), as a double-click or Enter does. */
  finish(): void {
    if (!this.drawing) return;
    if (this.corners.length < 3) {
      this.stop();
      this.callbacks.onCancel(
        `a polygon needs at least three corners; ${this.corners.length} were drawn`,
      );
      return;
    }
    const ring = [...this.corners];
    this.stop();
    this.show(ring);
    this.callbacks.onFinish(ring);
  }

  cancel(): void {
    if (!this.drawing) return;
    this.stop();
    this.show(null);
    this.callbacks.onCancel('drawing cancelled');
  }

  /** Shows a finished polygon (or nothing) on the map. */
  show(ring: readonly LonLat[] | null): void {
    this.ensureLayers();
    const features: Feature<Geometry>[] = ring
      ? [
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Polygon', coordinates: [[...ring, ring[0] ?? [0, 0]]] },
          },
        ]
      : [];
    this.setData({ type: 'FeatureCollection', features });
  }

  private stop(): void {
    this.drawing = false;
    this.capture.release(this.onClick);
    this.map.off('mousemove', this.onMove);
    document.removeEventListener('keydown', this.onKey);
    this.map.getCanvas().style.cursor = '';
  }

  private clicked(click: CapturedClick): void {
    if (click.type === 'dblclick') {
      this.finish();
      return;
    }
    const last = this.corners[this.corners.length - 1];
    if (last) {
      const p = this.map.project(last);
      if (Math.hypot(p.x - click.point.x, p.y - click.point.y) < SAME_POINT_PX) return;
    }
    this.corners.push([click.lngLat.lng, click.lngLat.lat]);
    this.redraw();
    this.callbacks.onChange(this.corners.length);
  }

  private key(e: KeyboardEvent): void {
    // Typing in a form field (the custom area's name) is not drawing.
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      this.finish();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.cancel();
    }
  }

  private redraw(): void {
    const path: LonLat[] = [...this.corners];
    if (this.drawing && this.cursor && path.length > 0) path.push(this.cursor);
    const features: Feature<Geometry>[] = this.corners.map((c) => ({
      type: 'Feature',
      properties: { corner: true },
      geometry: { type: 'Point', coordinates: c },
    }));
    if (path.length >= 2) {
      features.push({
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates: path },
      });
    }
    this.setData({ type: 'FeatureCollection', features });
  }

  private setData(data: FeatureCollection): void {
    void this.map.getSource<GeoJSONSource>(SOURCE)?.setData(data);
  }

  private ensureLayers(): void {
    if (this.map.getSource(SOURCE)) return;
    this.map.addSource(SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    });
    this.map.addLayer({
      id: `${SOURCE}-fill`,
      type: 'fill',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': INK, 'fill-opacity': 0.12 },
    });
    this.map.addLayer({
      id: `${SOURCE}-line`,
      type: 'line',
      source: SOURCE,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': INK, 'line-width': 2.5, 'line-dasharray': [2, 1] },
    });
    this.map.addLayer({
      id: `${SOURCE}-corners`,
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 4,
        'circle-color': '#ffffff',
        'circle-stroke-color': INK,
        'circle-stroke-width': 2,
      },
    });
  }
}
