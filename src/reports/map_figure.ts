/**
 * The map figure: the WebGL map captured at print resolution and embedded as an <image> in an
 * SVG whose title, legend, scale bar and sources are real SVG text and shapes, worked out from
 * the view model. The SVG export is this document; the PNG export is it rasterised.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import { yieldToMain } from '../ui/schedule.ts';
import { SEA_COLOUR } from '../map/base_map.ts';
import {
  distanceLabel,
  footerHeight,
  headerHeight,
  LAYOUT,
  legendHeight,
  niceDistance,
  PRINT_WIDTH,
  type FigureText,
  type ScaleBar,
} from './figure.ts';
import { blobToDataUrl, canvasToBlob } from './figure_files.ts';
import {
  figureSvg,
  svgEl,
  svgHatchDefs,
  svgHeaderFooter,
  svgLegend,
  svgScaleBar,
} from './figure_svg.ts';
import { mapLegendEntries } from './view_text.ts';

/** Map column width (figure units); the legend sits to its right. */
const MAP_WIDTH = 680;
const LEGEND_X = LAYOUT.margin + MAP_WIDTH + 24;

/** Ground metres per CSS pixel of a Web Mercator map (512-pixel tiles) at its centre. */
function metresPerCssPixel(map: MapLibreMap): number {
  const lat = map.getCenter().lat;
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * Math.pow(2, map.getZoom()));
}

function scaleBar(map: MapLibreMap, figurePerCss: number): ScaleBar {
  const mPerUnit = metresPerCssPixel(map) / figurePerCss;
  const metres = niceDistance(160 * mPerUnit);
  return { length: metres / mPerUnit, label: distanceLabel(metres) };
}

/**
 * Renders the map at a higher pixel ratio and copies the WebGL canvas inside the render
 * callback (works without preserveDrawingBuffer), then restores the screen's pixel ratio.
 */
async function captureMap(map: MapLibreMap, widthPx: number): Promise<HTMLCanvasElement> {
  const canvas = map.getCanvas();
  const cssWidth = canvas.clientWidth || canvas.width;
  const old = map.getPixelRatio();
  map.setPixelRatio(Math.max(1, widthPx / cssWidth));
  try {
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    const out = document.createElement('canvas');
    await new Promise<void>((resolve) => {
      map.once('render', () => {
        out.width = canvas.width;
        out.height = canvas.height;
        const g = out.getContext('2d');
        // The sea is the map element's background, not drawn on the canvas (base_map.ts).
        if (g) {
          g.fillStyle = SEA_COLOUR;
          g.fillRect(0, 0, out.width, out.height);
          g.drawImage(canvas, 0, 0);
        }
        resolve();
      });
      map.triggerRepaint();
    });
    return out;
  } finally {
    map.setPixelRatio(old);
  }
}

/**
 * The map figure as an SVG document, `pixelWidth` wide. The map is captured for the print
 * width (PRINT_WIDTH) whatever `pixelWidth` is, so the SVG and the PNG carry the same image.
 */
export async function mapFigureSvg(
  view: AtlasView,
  text: FigureText,
  pixelWidth: number = LAYOUT.width,
): Promise<SVGSVGElement> {
  const entries = mapLegendEntries(view);
  const map = view.map;
  const css = map.getCanvas();
  const cssW = css.clientWidth || css.width;
  const cssH = css.clientHeight || css.height;
  const image = await captureMap(map, (MAP_WIDTH * PRINT_WIDTH) / LAYOUT.width);
  await yieldToMain();
  const mapHeight = (MAP_WIDTH * cssH) / cssW;
  const top = headerHeight(text);
  const body = Math.max(mapHeight, legendHeight(entries) + 80);
  const height = top + body + 16 + footerHeight(text);
  const svg = figureSvg(Math.ceil(height), text, pixelWidth);
  svg.append(svgHatchDefs());
  svgHeaderFooter(svg, text, height);
  const href = await blobToDataUrl(await canvasToBlob(image));
  // The map itself is a raster: an embedded PNG <image> rendered from the WebGL map at print
  // resolution. Title, legend, scale bar and sources are real SVG text and shapes.
  svg.append(document.createComment(' Map: embedded PNG rendered from the WebGL map '));
  svg.append(
    svgEl('image', {
      x: LAYOUT.margin,
      y: top,
      width: MAP_WIDTH,
      height: mapHeight,
      href,
      preserveAspectRatio: 'none',
    }),
    svgEl('rect', {
      x: LAYOUT.margin,
      y: top,
      width: MAP_WIDTH,
      height: mapHeight,
      fill: 'none',
      stroke: '#999',
      'stroke-width': 0.5,
    }),
  );
  const g = svgEl('g', { id: 'legend' });
  const heading = `${view.indicator.unit} by ${GEOGRAPHY_LEVELS[view.geography].label}`;
  svgLegend(g, heading, entries, LEGEND_X, top);
  svgScaleBar(g, scaleBar(map, MAP_WIDTH / cssW), LEGEND_X, top + legendHeight(entries) + 40);
  svg.append(g);
  return svg;
}
