// Lets a child Node process run the backend's TypeScript sources as Jest does (swc: legacy
// decorators with their metadata, CommonJS), so crash tests can SIGKILL a real backend process
// without a build. Usage: node --no-experimental-strip-types -r ./register.cjs backend-child.ts
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

addHook(
  (code, filename) =>
    transformSync(code, {
      filename,
      sourceMaps: 'inline',
      jsc: {
        target: 'es2023',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: 'commonjs' },
    }).code,
  { exts: ['.ts'], ignoreNodeModules: true },
);
