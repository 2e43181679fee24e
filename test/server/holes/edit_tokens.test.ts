import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModerator, login, makeApp, submit, type Moderator, type TestApp } from '../helpers.ts';

// Issue 13: edit tokens could not be revoked, and a leaked edit link withdrew an approved asset
// from the public map at once, with no way back.
describe('edit tokens and withdrawals under moderator control (issue 13)', () => {
  let t: TestApp;
  let mod: Moderator;
  beforeAll(async () => {
    t = await makeApp();
    await addModerator(t.register);
    mod = await login(t.app);
  });
  afterAll(() => t.close());

  const approve = (id: number) =>
    t.app.inject({
      method: 'POST',
      url: `/api/assets/${id}/approve`,
      headers: mod.write,
      payload: {},
    });
  const withdraw = (id: number, token: string) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { withdraw: true },
    });
  const isPublic = async (id: number) =>
    (await t.app.inject(`/api/assets/${id}`)).statusCode === 200;

  it('holds a withdrawal of an approved asset for a moderator; the public keeps seeing it', async () => {
    const { id, editToken } = await submit(t.app);
    await approve(id);
    const res = await withdraw(id, editToken);
    expect(res.statusCode).toBe(200);
    expect(res.json().properties).toMatchObject({ status: 'approved', withdrawalRequested: true });
    expect(await isPublic(id)).toBe(true);
    const queue = await t.app.inject({ url: '/api/moderation/queue', headers: mod.read });
    expect(queue.json().features.map((f: { id: number }) => f.id)).toContain(id);
    // Rejecting the withdrawal keeps it published; approving it archives the asset.
    const kept = await t.app.inject({
      method: 'POST',
      url: `/api/assets/${id}/reject`,
      headers: mod.write,
      payload: { reason: 'The garden confirmed it is still open' },
    });
    expect(kept.json().properties).toMatchObject({
      status: 'approved',
      withdrawalRequested: false,
    });
    await withdraw(id, editToken);
    const gone = await approve(id);
    expect(gone.json().properties.status).toBe('archived');
    expect(await isPublic(id)).toBe(false);
  });

  it('lets a moderator undo a withdrawal', async () => {
    const { id, editToken } = await submit(t.app);
    expect((await withdraw(id, editToken)).json().properties.status).toBe('archived');
    const undone = await t.app.inject({
      method: 'POST',
      url: `/api/assets/${id}/undo-withdrawal`,
      headers: mod.write,
      payload: {},
    });
    expect(undone.statusCode).toBe(200);
    expect(undone.json().properties.status).toBe('pending');
  });

  it('lets a moderator revoke an edit token, after which it opens nothing', async () => {
    const { id, editToken } = await submit(t.app);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/assets/${id}/revoke-token`,
      headers: mod.write,
      payload: {},
    });
    expect(revoked.statusCode).toBe(200);
    const read = await t.app.inject({
      url: `/api/assets/${id}`,
      headers: { authorization: `Bearer ${editToken}` },
    });
    expect(read.statusCode).toBe(403);
    expect((await withdraw(id, editToken)).statusCode).toBe(403);
    const history = await t.app.inject({ url: `/api/assets/${id}/history`, headers: mod.read });
    expect(history.json().history.map((h: { action: string }) => h.action)).toContain(
      'revoke-token',
    );
  });
});
