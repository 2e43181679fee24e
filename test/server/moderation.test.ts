import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addModerator,
  login,
  makeApp,
  submit,
  testClock,
  type Moderator,
  type TestApp,
} from './helpers.ts';

interface Feature {
  id: number;
  properties: Record<string, unknown>;
}

describe('moderation workflow', () => {
  let t: TestApp;
  let mod: Moderator;
  let moderatorId: number;
  const clock = testClock('2026-11-22T10:00:00Z');

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    moderatorId = (await addModerator(t.register)).id;
    mod = await login(t.app);
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown = {}) =>
    t.app.inject({ method: 'POST', url, headers: mod.write, payload: payload as object });
  const partner = (id: number, token: string, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${id}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const publicView = async (id: number) => t.app.inject(`/api/assets/${id}`);

  it('queues a submission, publishes it on approval, and records who did what', async () => {
    const { id, editToken } = await submit(t.app, { serviceName: 'Bootle Food Pantry' });
    const queue = (await t.app.inject({ url: '/api/moderation/queue', headers: mod.read })).json();
    expect(queue.features.map((f: Feature) => f.id)).toContain(id);
    const approved = await post(`/api/assets/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().properties).toMatchObject({
      status: 'approved',
      lastVerified: '2026-11-22',
    });
    expect((await publicView(id)).json().properties.serviceName).toBe('Bootle Food Pantry');
    // The public view has no moderation fields.
    expect((await publicView(id)).json().properties.status).toBeUndefined();
    expect((await post(`/api/assets/${id}/approve`)).statusCode).toBe(409);

    const history = (
      await t.app.inject({ url: `/api/assets/${id}/history`, headers: mod.read })
    ).json().history as {
      actorType: string;
      actorId: number | null;
      actorName: string | null;
      action: string;
      changes: Record<string, { from: unknown; to: unknown }>;
    }[];
    expect(history.map((h) => [h.action, h.actorType])).toEqual([
      ['submit', 'edit-token holder'],
      ['approve', 'moderator'],
    ]);
    expect(history[1]).toMatchObject({ actorId: moderatorId, actorName: 'Test Moderator' });
    expect(history[1]?.changes.status).toEqual({ from: 'pending', to: 'approved' });
    expect(editToken).toBeTruthy();
  });

  it('rejects with a reason the submitter can read, and a fix goes back to the queue', async () => {
    const { id, editToken } = await submit(t.app);
    expect((await post(`/api/assets/${id}/reject`, {})).statusCode).toBe(400);
    const rejected = await post(`/api/assets/${id}/reject`, { reason: 'Please add opening times' });
    expect(rejected.json().properties).toMatchObject({
      status: 'rejected',
      statusReason: 'Please add opening times',
    });
    const own = await t.app.inject({
      url: `/api/assets/${id}`,
      headers: { authorization: `Bearer ${editToken}` },
    });
    expect(own.json().properties.statusReason).toBe('Please add opening times');
    const fixed = await partner(id, editToken, { openingTimes: 'Tuesdays 10:00-14:00' });
    expect(fixed.json().properties).toMatchObject({ status: 'pending', statusReason: null });
    expect((await publicView(id)).statusCode).toBe(404);
  });

  it('holds edits to an approved asset for review; the public keeps the reviewed version', async () => {
    const { id, editToken } = await submit(t.app, { serviceName: 'Original Name' });
    await post(`/api/assets/${id}/approve`);
    const proposed = await partner(id, editToken, {
      serviceName: 'New Name',
      phone: '0151 123 4567',
    });
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().properties).toMatchObject({
      status: 'approved',
      serviceName: 'Original Name',
      pendingChanges: { serviceName: 'New Name', phone: '0151 123 4567' },
    });
    expect((await publicView(id)).json().properties.serviceName).toBe('Original Name');
    expect((await publicView(id)).body).not.toContain('New Name');
    const queue = (await t.app.inject({ url: '/api/moderation/queue', headers: mod.read })).json();
    expect(queue.features.map((f: Feature) => f.id)).toContain(id);

    // Rejecting the changes keeps the published version.
    await post(`/api/assets/${id}/reject`, { reason: 'Name change needs evidence' });
    expect((await publicView(id)).json().properties.serviceName).toBe('Original Name');
    // A second proposal, approved this time.
    await partner(id, editToken, { serviceName: 'New Name' });
    const applied = await post(`/api/assets/${id}/approve`);
    expect(applied.json().properties).toMatchObject({
      serviceName: 'New Name',
      pendingChanges: null,
    });
    expect((await publicView(id)).json().properties.serviceName).toBe('New Name');
  });

  it('lets the submitter withdraw, after which nothing can be edited', async () => {
    const { id, editToken } = await submit(t.app);
    await post(`/api/assets/${id}/approve`);
    expect((await partner(id, editToken, { withdraw: true, serviceName: 'x' })).statusCode).toBe(
      400,
    );
    // A published asset's withdrawal waits for a moderator (issue 13), who agrees to it.
    const requested = await partner(id, editToken, { withdraw: true });
    expect(requested.json().properties).toMatchObject({
      status: 'approved',
      withdrawalRequested: true,
    });
    expect((await publicView(id)).statusCode).toBe(200);
    const withdrawn = await post(`/api/assets/${id}/approve`);
    expect(withdrawn.json().properties).toMatchObject({
      status: 'archived',
      statusReason: 'Withdrawn by the submitter',
      withdrawalRequested: false,
    });
    expect((await publicView(id)).statusCode).toBe(404);
    expect((await partner(id, editToken, { serviceName: 'Back again' })).statusCode).toBe(409);
    // A moderator cannot quietly republish a withdrawn asset.
    expect((await post(`/api/assets/${id}/approve`)).statusCode).toBe(409);
  });

  it('lets moderators edit any field, recording the diff', async () => {
    const { id } = await submit(t.app);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${id}`,
      headers: mod.write,
      payload: { description: 'Checked by phone', lastVerified: '2026-11-01', licence: 'OGL v3.0' },
    });
    expect(res.statusCode).toBe(200);
    const history = (await t.register.assets.history(id)).at(-1);
    expect(history).toMatchObject({ action: 'edit', actorType: 'moderator', actorId: moderatorId });
    // assuredDate: a moderator setting lastVerified is a person checking it (ORUK assured_date).
    expect(Object.keys(history?.changes ?? {}).sort()).toEqual([
      'assuredDate',
      'description',
      'lastVerified',
      'licence',
    ]);
    const future = await t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${id}`,
      headers: mod.write,
      payload: { lastVerified: '2030-01-01' },
    });
    expect(future.statusCode).toBe(400);
  });

  it('archives with a reason', async () => {
    const { id } = await submit(t.app);
    await post(`/api/assets/${id}/approve`);
    const res = await post(`/api/assets/${id}/archive`, { reason: 'Closed in 2026' });
    expect(res.json().properties).toMatchObject({
      status: 'archived',
      statusReason: 'Closed in 2026',
    });
    expect((await publicView(id)).statusCode).toBe(404);
    expect((await post(`/api/assets/${id}/archive`)).statusCode).toBe(409);
  });

  it('merges a duplicate into the original, keeping both histories', async () => {
    const original = await submit(t.app, {
      serviceName: 'Netherton Garden',
      phone: null,
      website: null,
    });
    await post(`/api/assets/${original.id}/approve`);
    const duplicate = await submit(t.app, {
      serviceName: 'Netherton Community Garden',
      phone: '0151 555 0000',
      website: 'https://example.org/garden',
      description: 'Should not replace the original description',
    });
    const res = await post(`/api/assets/${duplicate.id}/merge`, { into: original.id });
    expect(res.statusCode).toBe(200);
    const { source, target } = res.json() as { source: Feature; target: Feature };
    expect(source.properties).toMatchObject({ status: 'archived', mergedInto: original.id });
    expect(target.properties).toMatchObject({
      status: 'approved',
      serviceName: 'Netherton Garden',
      phone: '0151 555 0000',
      website: 'https://example.org/garden',
    });
    expect(target.properties.description).not.toContain('Should not replace');
    const targetHistory = await t.register.assets.history(original.id);
    expect(targetHistory.at(-1)).toMatchObject({
      action: 'merge-in',
      note: `Absorbed asset ${duplicate.id}`,
    });
    const sourceHistory = await t.register.assets.history(duplicate.id);
    expect(sourceHistory.at(-1)?.changes.mergedInto).toEqual({ from: null, to: original.id });
    // The duplicate's submitter can still see where it went.
    const own = await t.app.inject({
      url: `/api/assets/${duplicate.id}`,
      headers: { authorization: `Bearer ${duplicate.editToken}` },
    });
    expect(own.json().properties.mergedInto).toBe(original.id);
    expect((await post(`/api/assets/${original.id}/merge`, { into: original.id })).statusCode).toBe(
      400,
    );
    expect(
      (await post(`/api/assets/${original.id}/merge`, { into: duplicate.id })).statusCode,
    ).toBe(409);
    expect((await post(`/api/assets/${original.id}/merge`, { into: 999999 })).statusCode).toBe(404);
  });

  it('lists approved assets not verified in the last 12 months as stale', async () => {
    const fresh = await submit(t.app, { serviceName: 'Fresh One' });
    await post(`/api/assets/${fresh.id}/approve`);
    const old = await submit(t.app, { serviceName: 'Old One' });
    await post(`/api/assets/${old.id}/approve`);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${old.id}`,
      headers: mod.write,
      payload: { lastVerified: '2025-11-21' },
    });
    const stale = (await t.app.inject({ url: '/api/moderation/stale', headers: mod.read })).json();
    expect(stale.verifiedBefore).toBe('2025-11-22');
    const ids = stale.features.map((f: Feature) => f.id);
    expect(ids).toContain(old.id);
    expect(ids).not.toContain(fresh.id);
    expect((await publicView(old.id)).json().properties.stale).toBe(true);
    expect((await publicView(fresh.id)).json().properties.stale).toBe(false);
  });

  it('answers 404 for moderation of an asset that does not exist', async () => {
    expect((await post('/api/assets/424242/approve')).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: '/api/assets/424242/history', headers: mod.read })).statusCode,
    ).toBe(404);
  });
});
