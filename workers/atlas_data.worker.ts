// Runs in a Web Worker: fetching and decoding geometry stays off the main thread.
import { expose } from 'comlink';
import type { AtlasDataApi } from './atlas_data_api.ts';
import { decodeAreas } from './geometry_decode.ts';

const api: AtlasDataApi = {
  async loadAreas(url, objects) {
    if (typeof url !== 'string' || !/^https?:\/\//.test(url))
      throw new Error('loadAreas needs an absolute http(s) URL');
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Could not load ${url}: HTTP ${res.status}`);
    return decodeAreas(await res.json(), objects);
  },
};

expose(api);
