const nextJest = require('next/jest');

const createJestConfig = nextJest({ dir: './' });

/** @type {import('jest').Config} */
module.exports = createJestConfig({
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { url: 'http://localhost:3100/' },
  setupFilesAfterEach: ['<rootDir>/jest.setup.ts'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  coverageThreshold: { global: { branches: 70, functions: 80, lines: 85, statements: 85 } },
  testTimeout: 15000,
  maxWorkers: '50%',
  globals: { __MOCK_API__: 'http://127.0.0.1:3004' },
});
