/**
 * Jest in ESM mode under Node 24: run it through scripts/jest24.mjs (npm test, test:unit and
 * test:future do), which adds --experimental-vm-modules. `--coverage` (npm test) reports the
 * coverage of src/ as a summary, without thresholds.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  globalSetup: './__tests__/helpers/global-setup.js',
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup-expressions.ts'],
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageReporters: ['text-summary'],
  testTimeout: 30000
}
