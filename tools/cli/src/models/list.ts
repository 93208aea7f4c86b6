import { join } from 'node:path';
import type { SkillModel } from '@mmskills/core';
import { cacheState, cacheStatus, lmmSpec } from './cache.js';
import { type Catalogue, lmmTarget, totalSize } from './catalogue.js';
import { formatBytes } from './format-bytes.js';

function table(header: string[], rows: string[][]): (cells: string[]) => string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  return (cells) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
}

const sizeText = (size: number | undefined) => (size === undefined ? '?' : formatBytes(size));

/** The `model list` tables: LMMs with their `--lmm` value, then the models skills pull. */
export async function listModels(
  catalogue: Catalogue,
  skillModels: readonly SkillModel[],
  cacheDir: string,
  out: (line: string) => void,
): Promise<number> {
  const lmmRows = await Promise.all(
    catalogue.map(async (entry) => {
      const target = lmmTarget(entry);
      const cells = [entry.name, sizeText(totalSize(target.files)), entry.licence];
      return { entry, cells: [...cells, await cacheStatus(cacheDir, target)] };
    }),
  );
  const lmmHeader = ['NAME', 'SIZE', 'LICENCE', 'CACHED'];
  const lmmLine = table(
    lmmHeader,
    lmmRows.map((row) => row.cells),
  );
  out(`${lmmLine(lmmHeader)}  MODEL`);
  for (const { entry, cells } of lmmRows) {
    out(`${lmmLine(cells)}  ${entry.title}, ${entry.repo}`);
    out(`  --lmm ${lmmSpec(cacheDir, entry)}`);
  }
  out('');
  if (skillModels.length === 0) out('skill models: none in the catalogue yet');
  else {
    const skillRows = await Promise.all(
      skillModels.map(async (model) => [
        model.name,
        model.skill,
        model.family,
        sizeText(totalSize(model.files)),
        model.licence,
        await cacheStatus(cacheDir, model),
        `${model.title}${model.default ? ' (default)' : ''}, ${model.repo}`,
      ]),
    );
    const skillHeader = ['SKILL MODEL', 'SKILL', 'FAMILY', 'SIZE', 'LICENCE', 'CACHED'];
    const skillLine = table(skillHeader, skillRows);
    out(`${skillLine(skillHeader)}  MODEL`);
    for (const row of skillRows) out(`${skillLine(row.slice(0, -1))}  ${row.at(-1)}`);
  }
  out(`cache: ${cacheDir}; download one with: mmskills model pull <name>`);
  return 0;
}

/** The same, as one JSON document for scripts. */
export async function listModelsJson(
  catalogue: Catalogue,
  skillModels: readonly SkillModel[],
  cacheDir: string,
  out: (line: string) => void,
): Promise<number> {
  const lmm = await Promise.all(
    catalogue.map(async (entry) => {
      const target = lmmTarget(entry);
      const { name, title, repo, revision, licence } = entry;
      const size = totalSize(target.files) ?? null;
      const cached = await cacheState(cacheDir, target);
      return { name, title, repo, revision, licence, size, cached, lmm: lmmSpec(cacheDir, entry) };
    }),
  );
  const skills = await Promise.all(
    skillModels.map(async (model) => {
      const { name, skill, family, title, repo, revision, licence } = model;
      const size = totalSize(model.files) ?? null;
      const cached = await cacheState(cacheDir, model);
      const dir = join(cacheDir, name);
      return {
        name,
        skill,
        family,
        title,
        repo,
        revision,
        licence,
        default: model.default,
        size,
        cached,
        dir,
      };
    }),
  );
  out(JSON.stringify({ cache: cacheDir, lmm, skills }, null, 2));
  return 0;
}
