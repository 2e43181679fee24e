/**
 * Runs the register API alone (no static app): for the crash and backup tests, the benchmark,
 * and trying the API out. Prints one JSON line with the URL once listening.
 *
 *   tsx server/register/standalone.ts [--db file] [--port 0] [--host 127.0.0.1]
 *     [--raw dir] [--data dir] [--no-seed] [--submissions-per-window n]
 *
 * --data: a built data folder whose authority outline is the register's area (default: none,
 * Sefton's rectangle, as the crash and backup tests expect).
 */
import Fastify from 'fastify';
import { parseArgs } from 'node:util';
import { openAnyRegister, registerApi } from './plugin.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    raw: { type: 'string' },
    data: { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    'submissions-per-window': { type: 'string' },
  },
});

const register = await openAnyRegister({
  file: values.db,
  rawDir: values.raw,
  dataDir: values.data,
  seed: !values['no-seed'],
});
const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
const submissions = values['submissions-per-window'];
await registerApi(app, {
  db: register,
  limits: submissions ? { submissionsPerWindow: Number(submissions) } : {},
});
app.addHook('onClose', async () => {
  await register.close();
});

const url = await app.listen({ port: Number(values.port), host: values.host });
process.stdout.write(`${JSON.stringify({ event: 'listening', url, pid: process.pid })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
