// One set of swc options for the build (ops/build.mjs) and for jest (jest.config.mjs), so that
// what the tests run is compiled exactly like what ships.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function swcOptions({ rewritePaths }) {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
      ...(rewritePaths ? { baseUrl: repoRoot, paths: { '@isac/*': ['libs/*/src/index.ts'] } } : {}),
    },
    module: { type: 'es6', ...(rewritePaths ? { resolveFully: true } : {}) },
    sourceMaps: 'inline',
  };
}
