import { swcOptions } from './ops/swc-options.mjs';

const transform = { '^.+\\.ts$': ['@swc/jest', swcOptions({ rewritePaths: false })] };
const moduleNameMapper = {
  '^@isac/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const common = {
  transform,
  moduleNameMapper,
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  testEnvironmentOptions: { globalsCleanup: 'on' },
};

export default {
  testTimeout: 60_000,
  // Test files run in a worker process that is replaced once it holds more than this after a file:
  // in one long-lived process (jest's choice on 2 cores) the ESM module registries of 200+ files
  // outgrew the 4 GB heap. Setting it makes jest use a worker even when it runs one file at a time.
  workerIdleMemoryLimit: '1536MB',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    // boundaries and line length of the whole tree (STYLE rule 13): no database, seconds
    { ...common, displayName: 'architecture', testMatch: ['<rootDir>/test/architecture/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
    },
  ],
};
