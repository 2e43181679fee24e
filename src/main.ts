import './styles.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import { wrap } from 'comlink';
import type { AtlasDataApi } from '../workers/atlas_data_api.ts';
import { FetchDataSource } from './data_source.ts';
import { createBaseMap, showAreas } from './map/base_map.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const progress = $<HTMLProgressElement>('progress');

function step(n: number, message: string): void {
  progress.value = n;
  status.textContent = message;
}

async function start(): Promise<void> {
  const source = new FetchDataSource(import.meta.env.VITE_DATA_URL ?? './data/');
  step(1, 'Loading the data manifest…');
  const manifest = await source.manifest();
  $('area-name').textContent = manifest.area.name;
  const list = $('attributions');
  for (const line of manifest.attributions) {
    const li = document.createElement('li');
    li.textContent = line;
    list.append(li);
  }

  step(2, 'Decoding boundaries…');
  const worker = wrap<AtlasDataApi>(
    new Worker(new URL('../workers/atlas_data.worker.ts', import.meta.url), { type: 'module' }),
  );
  const areas = await worker.loadAreas(source.url(manifest.geometry.file), ['lsoa11', 'lad']);
  const lsoa = areas.lsoa11;
  const lad = areas.lad;
  if (!lsoa || !lad) throw new Error('geometry lacks LSOA 2011 or authority outlines');

  step(3, 'Drawing the map…');
  const map = await createBaseMap($('map'), lad, manifest.attributions);
  await showAreas(map, 'lsoa11', lsoa);
  step(4, `${lsoa.features.length} LSOAs (2011) of ${manifest.area.name} drawn.`);
  document.body.dataset.ready = 'true';
}

start().catch((err: unknown) => {
  status.classList.add('error');
  status.textContent = `The atlas could not start: ${(err as Error).message}`;
  document.body.dataset.ready = 'error';
});
