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
          // Several files build a whole bundle in beforeAll: well over vitest's 10 s default
          // on two shared cores.
          hookTimeout: 120_000,
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
