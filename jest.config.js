const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker less than the cores: one, on two. Many suites spend
  // part of their time waiting on a CLI, a browser or a clock, so one more than the cores.
  maxWorkers: availableParallelism() + 1,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/remove-applied-data.ts',
  setupFiles: ['<rootDir>/test/support/environment.js'],
  setupFilesAfterEnv: ['<rootDir>/test/support/unhandled-rejections.js'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Transpile only, with swc (tsconfig has isolatedModules): `npm test` type-checks with tsc beside it.
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 60000,
};
