/**
 * Jest runs in ESM mode (NestJS 12 is ESM-only): `npm test` starts it with
 * --experimental-vm-modules. Type checking is `npm run typecheck`; ts-jest only transpiles.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^#platform/(.*)$': '<rootDir>/libs/platform/$1/src/index.ts',
    '^#modules/(.*)$': '<rootDir>/libs/modules/$1/src/index.ts',
    '^#contracts/shared$': '<rootDir>/libs/contracts/shared/src/index.ts',
    '^#contracts/(.*)$': '<rootDir>/libs/modules/$1/src/contract/index.ts',
    '^#migrations/(.*)$': '<rootDir>/migrations/$1/index.ts',
    '^#monolith/(.*)$': '<rootDir>/apps/monolith/src/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,migrations,test,terraform}/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/postgres.global-setup.ts',
  globalTeardown: '<rootDir>/test/support/postgres.global-teardown.ts',
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary.reporter.js'],
};
