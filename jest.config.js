/** Tests run from TypeScript sources; type-checking is done once by `tsc` in `npm test`. */
module.exports = {
  testEnvironment: 'node',
  // Rule tests live beside their rule (lib/rules/<id>/rule.test.ts); the rest under test/.
  roots: ['<rootDir>/lib', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test/setup-fast-check.ts'],
  cacheDirectory: '<rootDir>/.jest-cache',
  testTimeout: 60000,
};
