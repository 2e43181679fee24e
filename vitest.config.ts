import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          testTimeout: 60_000,
          // Real-data set-ups build a district, which parses the England-wide IoD files and
          // lookups once (about 20 s on a loaded 2-core machine).
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global_setup.ts'],
          // One Chromium at a time: the machine has two cores and SwiftShader is slow.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // SwiftShader frames on two shared cores: give polled UI assertions time to settle.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
