import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { packageEntryArgs } from '@mmskills/core/process';

/** Node arguments that run a workspace package's bin: its built `dist/bin.js`, or its source through tsx. */
export function packageBin(pkg: string): string[] {
  return packageEntryArgs(dirname(dirname(createRequire(import.meta.url).resolve(pkg))));
}
