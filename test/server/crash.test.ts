import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  startServer,
  submission,
  tempDir,
  waitForExit,
  type Child,
  removeTempDirs,
} from './helpers.ts';

interface Acked {
  id: number;
  editToken: string;
  name: string;
}

describe('a server killed with SIGKILL mid-stream', () => {
  const children: Child[] = [];
  afterAll(() => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  });

  it('still has, after restart, every submission it answered 201', async () => {
    const dbFile = path.join(tempDir(), 'register.db');
    const first = await startServer(dbFile);
    children.push(first);

    const acked: Acked[] = [];
    let sent = 0;
    let stop = false;
    // Eight clients submit back to back; the kill lands while several requests are in flight.
    const client = async () => {
      while (!stop) {
        const name = `Crash test ${sent++}`;
        try {
          const res = await fetch(`${first.url}/api/assets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(submission({ serviceName: name })),
          });
          if (res.status === 201) {
            const body = (await res.json()) as { id: number; editToken: string };
            acked.push({ id: body.id, editToken: body.editToken, name });
          }
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    const deadline = Date.now() + 20_000;
    while (acked.length < 300) {
      if (Date.now() > deadline) throw new Error(`only ${acked.length} acks: ${first.stderr()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    first.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await waitForExit(first.proc);
    expect(first.proc.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(300);

    const second = await startServer(dbFile);
    children.push(second);
    try {
      for (const a of acked) {
        const res = await fetch(`${second.url}/api/assets/${a.id}`, {
          headers: { authorization: `Bearer ${a.editToken}` },
        });
        expect(res.status, `asset ${a.id}`).toBe(200);
        const body = (await res.json()) as { properties: { serviceName: string } };
        expect(body.properties.serviceName).toBe(a.name);
      }
    } finally {
      second.proc.kill('SIGTERM');
      await waitForExit(second.proc);
    }
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Requests in flight at the kill may have committed without their 201 reaching us.
      const rows = db.prepare('SELECT count(*) FROM assets').pluck().get() as number;
      expect(rows).toBeGreaterThanOrEqual(acked.length);
      expect(rows).toBeLessThanOrEqual(sent);
    } finally {
      db.close();
    }
  });
});

afterAll(removeTempDirs);
