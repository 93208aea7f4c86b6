import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { node22 } from './node22.js';

const CLI = createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/dist/index.js');

interface Check {
  id: string;
  status: string;
  errorMessage?: string;
}

/** One scenario's outcome: passed when none of its checks failed. */
export interface ScenarioResult {
  scenario: string;
  passed: boolean;
  failures: string[];
}

// Result folders are `server-<scenario>-<ISO time with dashes>`.
const FOLDER = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/;

/**
 * Runs `conformance server --suite all` from @modelcontextprotocol/conformance against `url` under
 * Node 22 and reads each scenario's checks.json. `specVersion` filters scenarios (cumulative).
 */
export async function runConformance(url: string, specVersion: string): Promise<ScenarioResult[]> {
  const out = mkdtempSync(join(tmpdir(), 'mcp-conformance-'));
  try {
    // The CLI exits 1 when any scenario fails; the checks files say which, so its status is not used.
    await promisify(execFile)(
      node22(),
      [CLI, 'server', '--url', url, '--suite', 'all', '--spec-version', specVersion, '-o', out],
      { cwd: out, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { code?: unknown; stderr?: string }) => {
      if (error.code !== 1) throw error;
    });
    return readdirSync(out).flatMap((folder) => {
      const scenario = FOLDER.exec(folder)?.[1];
      if (!scenario) return [];
      const checks = JSON.parse(readFileSync(join(out, folder, 'checks.json'), 'utf8')) as Check[];
      const failures = checks
        .filter((check) => check.status === 'FAILURE')
        .map((check) => `${check.id}: ${check.errorMessage ?? 'failed'}`);
      return [{ scenario, passed: failures.length === 0, failures }];
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
