import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModerator, login, makeApp, submit, type TestApp } from '../helpers.ts';

// Issue 13: the formula guard looked at the first character only, so `Foo;=1+1;bar` reached a
// spreadsheet that splits on ";" as three cells, the middle one a formula. Quoting every text
// cell keeps it one cell whatever separator the spreadsheet uses.
describe('CSV export quotes every text cell (issue 13)', () => {
  let t: TestApp;
  let id: number;
  beforeAll(async () => {
    t = await makeApp();
    await addModerator(t.register);
    const mod = await login(t.app);
    id = (await submit(t.app, { organisationName: 'Foo;=1+1;bar', serviceName: 'Plain name' })).id;
    await t.app.inject({
      method: 'POST',
      url: `/api/assets/${id}/approve`,
      headers: mod.write,
      payload: {},
    });
  });
  afterAll(() => t.close());

  it('writes `Foo;=1+1;bar` and every other text cell inside double quotes', async () => {
    const res = await t.app.inject('/api/assets/export?format=csv');
    const lines = res.body.replace(/^\ufeff/, '').split('\r\n');
    const row = lines.find((l) => l.startsWith(`${id},`));
    expect(row).toBeDefined();
    expect(row).toContain('"Foo;=1+1;bar"');
    expect(row).toContain('"Plain name"');
    expect(row).toContain('"community_garden"');
    // Outside quotes only our own numbers and separators remain: no text a spreadsheet could
    // split on ";" and then evaluate.
    const unquoted = (row ?? '').replace(/"(?:[^"]|"")*"/g, '');
    expect(unquoted).toMatch(/^[0-9.,-]*$/);
    expect(row).toMatch(/^\d+,/);
  });
});
