import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, submission, type TestApp } from '../helpers.ts';

// Issue 13: refused (400) submissions counted towards the 20-per-hour limit.
describe('only accepted submissions count towards the limit (issue 13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ limits: { submissionsPerWindow: 2 } });
  });
  afterAll(() => t.close());

  const post = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/assets', remoteAddress: '192.0.2.44', payload });

  it('accepts the allowed number of good submissions after several refused ones', async () => {
    for (let i = 0; i < 5; i++)
      expect((await post(submission({ latitude: 0 }))).statusCode).toBe(400);
    expect((await post(submission())).statusCode).toBe(201);
    expect((await post(submission())).statusCode).toBe(201);
    const third = await post(submission());
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
  });
});
