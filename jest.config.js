/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  globalSetup: '<rootDir>/test/support/synthesize-test-stacks.ts',
  setupFiles: ['<rootDir>/test/support/environment.js'],
  setupFilesAfterEnv: ['<rootDir>/test/support/unhandled-rejections.js'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Transpile only, with swc (tsconfig has isolatedModules): `npm test` type-checks with tsc first.
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 60000,
};
