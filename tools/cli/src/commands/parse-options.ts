import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './registry-client.js';

/** A command's flags and positionals; a flag it does not know is a usage error (exit 2) with its usage. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  usage: string,
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, 2);
  }
}
