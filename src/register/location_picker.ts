import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';

export interface LatLon {
  latitude: number;
  longitude: number;
}

/**
 * The new asset's pin: a draggable marker (mouse, or arrow keys when focused) that a map click
 * moves. Active only while the form is open, so clicks on the map mean "here" only then.
 */
export class LocationPicker {
  private marker: maplibregl.Marker | null = null;
  private active = false;
  private readonly onClick = (e: MapMouseEvent) => {
    // A click on the pin itself is not a new place (it would nudge the pin by its height).
    const target = e.originalEvent.target;
    if (target instanceof Node && this.marker?.getElement().contains(target)) return;
    this.place(toLatLon(e.lngLat), true);
  };

  constructor(
    private readonly map: MapLibreMap,
    private readonly onMove: (at: LatLon) => void,
  ) {}

  /** Starts listening to map clicks and shows the pin where it was, if anywhere. */
  activate(at: LatLon | null): void {
    if (!this.active) this.map.on('click', this.onClick);
    this.active = true;
    if (at) this.place(at, false);
    this.map.getCanvas().classList.add('reg-placing');
  }

  deactivate(): void {
    this.map.off('click', this.onClick);
    this.active = false;
    this.marker?.remove();
    this.marker = null;
    this.map.getCanvas().classList.remove('reg-placing');
  }

  /** Puts the pin at `at`; `report` tells the form (not needed when the form set it). */
  place(at: LatLon, report: boolean): void {
    const lngLat: [number, number] = [at.longitude, at.latitude];
    if (!this.marker) {
      const marker = new maplibregl.Marker({ draggable: true, color: '#b3261e' });
      marker
        .getElement()
        .setAttribute(
          'aria-label',
          'Pin for the asset: drag it, or use the arrow keys, to move it',
        );
      marker.getElement().classList.add('reg-marker');
      marker.on('dragend', () => this.onMove(toLatLon(marker.getLngLat())));
      this.marker = marker;
    }
    this.marker.setLngLat(lngLat);
    if (!this.marker.getElement().isConnected) this.marker.addTo(this.map);
    if (report) this.onMove(at);
  }

  /** Moves the pin to the middle of the map view. */
  placeAtCentre(): void {
    this.place(toLatLon(this.map.getCenter()), true);
  }

  /** Moves the pin and brings it into view (after a postcode lookup). */
  placeAndShow(at: LatLon): void {
    this.place(at, true);
    this.bringIntoView(at);
  }

  /** Centres the map on `at`, close enough in to place a pin precisely. */
  bringIntoView(at: LatLon): void {
    this.map.easeTo({
      center: [at.longitude, at.latitude],
      zoom: Math.max(this.map.getZoom(), 15),
    });
  }
}

function toLatLon(ll: { lat: number; lng: number }): LatLon {
  // Six decimals is about 0.1 m: more would only pretend to precision.
  return {
    latitude: Math.round(ll.lat * 1e6) / 1e6,
    longitude: Math.round(ll.lng * 1e6) / 1e6,
  };
}
