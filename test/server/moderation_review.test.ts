// The moderation queue says where each submission is: its ward, and any similarly named place
// within 250 m, on the register or on the map's own layers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueCollectionSchema } from '../../contracts/register/api.ts';
import { outlineArea } from '../../server/register/area.ts';
import {
  addModerator,
  login,
  makeApp,
  removeTempDirs,
  submit,
  type Moderator,
  type TestApp,
} from './helpers.ts';
import { ring, square } from './area_fixtures.ts';

const AREA = outlineArea(
  'E08000014',
  'Sefton',
  square(-3.1, 53.4, -2.9, 53.7, 'E08000014', 'Sefton'),
  {
    type: 'FeatureCollection',
    features: [
      ring(-3.1, 53.4, -2.99, 53.7, 'E05000001', 'Linacre'),
      ring(-2.99, 53.4, -2.9, 53.7, 'E05000002', 'Derby'),
    ],
  },
  [
    {
      name: 'Concept House Surgery',
      layer: 'GP practices',
      latitude: 53.449127,
      longitude: -2.984905,
    },
  ],
);

describe('GET /api/moderation/queue: where each submission is', () => {
  let t: TestApp;
  let mod: Moderator;
  beforeAll(async () => {
    t = await makeApp({ area: AREA });
    await addModerator(t.register);
    mod = await login(t.app);
    const garden = await submit(t.app, {
      serviceName: 'Linacre Community Garden',
      latitude: 53.4561,
      longitude: -2.9952,
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/assets/${garden.id}/approve`,
      headers: mod.write,
      payload: {},
    });
  });
  afterAll(async () => {
    await t.close();
    removeTempDirs();
  });

  const queue = async () => {
    const res = await t.app.inject({ url: '/api/moderation/queue', headers: mod.read });
    expect(res.statusCode).toBe(200);
    return QueueCollectionSchema.parse(res.json()).features;
  };

  it('names the ward and warns of a similar name on the register within 250 m', async () => {
    const { id } = await submit(t.app, {
      serviceName: 'Linacre Community Gardens',
      organisationName: 'Linacre Growers',
      latitude: 53.4565,
      longitude: -2.9955,
    });
    const item = (await queue()).find((f) => f.id === id);
    expect(item?.properties.review).toMatchObject({
      area: 'Sefton',
      insideArea: true,
      ward: 'Linacre',
      similar: [
        {
          name: 'Linacre Community Garden',
          what: 'On the register: Community garden or growing project',
          distanceMetres: 49,
          similarity: 1,
        },
      ],
    });
    expect(item?.properties.review.map.wards.map((w) => w.name).sort()).toEqual([
      'Derby',
      'Linacre',
    ]);
  });

  it('warns of a place on the map layers, and not of a far or unlike one', async () => {
    const gp = await submit(t.app, {
      serviceName: 'Concept House surgery',
      organisationName: 'Concept House',
      category: 'gp_practice',
      latitude: 53.4494,
      longitude: -2.9852,
    });
    const other = await submit(t.app, {
      serviceName: 'Derby Road Food Pantry',
      category: 'food',
      latitude: 53.4494,
      longitude: -2.9852,
    });
    const items = await queue();
    const g = items.find((f) => f.id === gp.id)?.properties.review;
    expect(g?.ward).toBe('Derby');
    expect(g?.similar.map((s) => [s.name, s.what, s.assetId])).toEqual([
      ['Concept House Surgery', 'On the map: GP practices', null],
    ]);
    expect(items.find((f) => f.id === other.id)?.properties.review.similar).toEqual([]);
  });
});
