// Compiles apps/, libs/ and test/bench/ to dist/ (ESM, decorator metadata for Nest and TypeORM,
// @isac/* imports rewritten to relative paths). Specs are not compiled: jest runs them from source.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, swcOptions } from './swc-options.mjs';

const roots = ['apps', 'libs', 'test/bench'];
const quiet = process.argv.includes('--quiet');

async function* sources(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

const started = Date.now();
await rm(path.join(repoRoot, 'dist'), { recursive: true, force: true });
const files = [];
for (const root of roots) for await (const file of sources(path.join(repoRoot, root))) files.push(file);
const options = swcOptions({ rewritePaths: true });
await Promise.all(
  files.map(async (file) => {
    const { code } = await transformFile(file, { ...options, filename: file });
    const out = path.join(repoRoot, 'dist', path.relative(repoRoot, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, code);
  }),
);
await writeFile(path.join(repoRoot, 'dist', 'package.json'), '{ "type": "module" }\n');
if (!quiet) console.error(`build: ${files.length} files compiled to dist/ in ${Date.now() - started} ms`);
