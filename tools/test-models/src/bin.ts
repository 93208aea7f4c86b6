#!/usr/bin/env node
import { runCli, UsageError } from './cli.js';

try {
  process.stdout.write(`${await runCli(process.argv.slice(2))}\n`);
} catch (error) {
  process.stderr.write(`mmskills-test-models: ${(error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
