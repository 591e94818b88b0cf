// The Node version we document (package.json "engines", the README) must run everything the lock file
// installs: otherwise a newcomer on the documented Node gets EBADENGINE warnings, or worse, a package that
// does not work. The oldest Node our range admits has to satisfy every locked package's own range.
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const lockSchema = z.object({
  packages: z.record(
    z.string(),
    z
      .object({ engines: z.union([z.object({ node: z.string().optional() }).loose(), z.array(z.string())]).optional() })
      .loose(),
  ),
});
const ours = z
  .object({ engines: z.object({ node: z.string() }) })
  .parse(JSON.parse(readFileSync('package.json', 'utf8'))).engines.node;
const lock = lockSchema.parse(JSON.parse(readFileSync('package-lock.json', 'utf8')));

describe('the documented Node version', () => {
  it('runs every package in the lock file', () => {
    const oldest = semver.minVersion(ours)!.version;
    const refused = Object.entries(lock.packages).flatMap(([name, p]) => {
      const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      return range && !semver.satisfies(oldest, range) ? [`${name} needs node ${range}`] : [];
    });
    expect(refused).toEqual([]);
  });
  it('is the one the README states', () => {
    const oldest = semver.minVersion(ours)!;
    expect(readFileSync('README.md', 'utf8')).toContain(`Node.js ${oldest.major}.${oldest.minor} or newer is required`);
  });
});
