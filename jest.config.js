// One `jest` runs every workspace's tests and the LWC tests (see `projects`).
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// swc strips types and keeps NestJS's legacy decorators with their metadata.
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

const nodeProject = (name, extra = {}) => ({
  displayName: name,
  rootDir: `<rootDir>/${name}`,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swcTransform },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/{src,test}/**/*.spec.ts'],
  ...extra,
});

module.exports = {
  coverageProvider: 'v8',
  projects: [
    {
      ...lwcJestConfig,
      displayName: 'lwc',
      rootDir: '<rootDir>/force-app',
      testMatch: ['<rootDir>/main/default/lwc/**/__tests__/**/*.test.ts'],
      // Platform mocks tests can drive (sfdx-lwc-jest's stubs do nothing), and shared test helpers.
      moduleNameMapper: {
        '^lightning/platformResourceLoader$': '<rootDir>/test/jest-mocks/lightning/platformResourceLoader',
        '^lightning/empApi$': '<rootDir>/test/jest-mocks/lightning/empApi',
        '^@test/(.*)$': '<rootDir>/test/$1',
      },
      setupFilesAfterEnv: [...lwcJestConfig.setupFilesAfterEnv, '<rootDir>/test/jest-setup.ts'],
    },
    nodeProject('emulator'),
    nodeProject('backend', {
      globalSetup: '<rootDir>/test/support/global-postgres.ts',
      globalTeardown: '<rootDir>/test/support/global-postgres-teardown.ts',
    }),
    nodeProject('preview'),
    nodeProject('infra'),
  ],
};
