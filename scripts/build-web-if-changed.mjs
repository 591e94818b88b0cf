// `npm start`'s prestart: build the mini-app only when something it is built from changed since the last
// build (issue 22: an unconditional vite build cost ~9 s of every start).
//
// The inputs are everything under web/ (sources, index.html, vite.config.ts, any .env there), package.json,
// package-lock.json (dependency versions) and tsconfig.json, plus every module vite actually bundled from
// outside web/ (src/contract, cards/glyphs.ts and what they import), recorded from the build's own module
// graph so the list cannot drift from the code. A new file outside web/ only enters the bundle through an edit
// to a file already listed, so that edit triggers the build. The stamp (dist/web-build-stamp.json, beside the
// output rather than in it so it is never served) holds the inputs' hash and the output's hash; the build
// runs when either differs or the stamp is missing — including when a plain `npm run build:web` replaced the
// output in between.
//
// Usage: node scripts/build-web-if-changed.mjs [--root DIR] [--build-module FILE]
//   --root          the project folder (default: this script's parent folder)
//   --build-module  a module whose default export `async ({ root }) => string[]` builds into DIR/dist/web and
//                   returns the absolute paths of the files the build read (tests use a fake one so they never run vite)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const STAMP_VERSION = 1;
const FIXED_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json'];

const { values } = parseArgs({
  options: { root: { type: 'string' }, 'build-module': { type: 'string' } },
});
const root = resolve(values.root ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const outDir = join(root, 'dist', 'web');
const stampPath = join(root, 'dist', 'web-build-stamp.json');

/** Files under `dir`, relative to root with forward slashes, skipping node_modules. */
function walk(dir) {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(full));
    else if (entry.isFile()) files.push(toRelative(full));
  }
  return files;
}

function toRelative(file) {
  return relative(root, file).split(sep).join('/');
}

/** One hash over the names and contents of `files` (relative to `base`); a missing file hashes differently. */
function hashFiles(base, files) {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    const full = join(base, file);
    hash.update(file).update('\0');
    hash.update(existsSync(full) ? readFileSync(full) : '\u0000missing').update('\0');
  }
  return hash.digest('hex');
}

function inputsHash(recorded) {
  return hashFiles(root, [...walk(join(root, 'web')), ...FIXED_INPUTS, ...recorded]);
}

function outputHash() {
  if (!existsSync(join(outDir, 'index.html'))) return null;
  return hashFiles(
    outDir,
    walk(outDir).map((file) => relative('dist/web', file).split(sep).join('/')),
  );
}

function readStamp() {
  try {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    if (stamp.version !== STAMP_VERSION || !Array.isArray(stamp.recorded)) return null;
    if (!stamp.recorded.every((file) => typeof file === 'string')) return null;
    return stamp;
  } catch {
    return null;
  }
}

/** The real build: vite with the project's config, plus a plugin that records the module graph. */
async function viteBuild() {
  const { build } = await import('vite');
  const ids = new Set();
  await build({
    configFile: join(root, 'web', 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [
      {
        name: 'vitality-record-inputs',
        generateBundle() {
          for (const id of this.getModuleIds()) ids.add(id);
        },
      },
    ],
  });
  return [...ids];
}

/** Keep real project files outside node_modules: drop virtual modules, query suffixes and dependencies. */
function projectFiles(ids) {
  const files = new Set();
  for (const id of ids) {
    const path = id.split('?')[0];
    if (!isAbsolute(path)) continue;
    const full = resolve(path);
    const rel = toRelative(full);
    if (rel.startsWith('..') || rel.split('/').includes('node_modules') || !existsSync(full)) continue;
    files.add(rel);
  }
  return [...files].sort();
}

const stamp = readStamp();
if (stamp !== null && stamp.inputs === inputsHash(stamp.recorded) && stamp.output === outputHash()) {
  console.log('Mini-app unchanged since its last build (dist/web): not rebuilding.');
  process.exit(0);
}

// A failed or interrupted build must not leave a stamp that vouches for the old output.
rmSync(stampPath, { force: true });
console.log('Building the mini-app (dist/web)…');
const buildModule = values['build-module'];
const build = buildModule ? (await import(pathToFileURL(resolve(buildModule)).href)).default : async () => viteBuild();
const recorded = projectFiles(await build({ root }));
const output = outputHash();
if (output === null) {
  console.error(`The mini-app build finished without ${toRelative(join(outDir, 'index.html'))}.`);
  process.exit(1);
}
const next = { version: STAMP_VERSION, inputs: inputsHash(recorded), output, recorded };
writeFileSync(`${stampPath}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
renameSync(`${stampPath}.tmp`, stampPath);
