import { type ToolExample, toolExamplesOf } from '@mmskills/core';
import type { PoolTool } from '@mmskills/host';
import { CHAINS, type Chain } from './chains.js';
import { type GroundedTask, groundedQuestions } from './grounded/questions.js';
import { zoomQuestions } from './grounded/zoom.js';
import type { ImageFile } from './image-files.js';
import { NO_TOOL_REQUESTS, type NoToolRequest } from './no-tool.js';
import type { Random } from './prng.js';
import { fits } from './survey/facts.js';
import { exampleFits } from './survey/needs.js';
import type { PictureSurvey } from './survey/survey.js';

/** One sample to try to make: its id is stable, so a seed always picks the same tasks. */
export type Task = { id: string; image: ImageFile } & (
  | { kind: 'tool'; tool: PoolTool; example: ToolExample }
  | { kind: 'chain'; chain: Chain; request: string }
  | { kind: GroundedTask['kind']; grounded: GroundedTask }
  | { kind: 'none'; request: NoToolRequest }
);

/**
 * Shares of a generated set, each with the smallest set it is taken from; single-tool and `ask`
 * samples take the rest. Negatives stay a minority: they teach that a tool may find nothing,
 * not that pictures are empty.
 */
const SHARES = [
  { kind: 'none', share: 0.15, from: 4 },
  { kind: 'chain', share: 0.25, from: 3 },
  { kind: 'zoom', share: 0.15, from: 3 },
  { kind: 'negative', share: 0.1, from: 5 },
] as const;

function toolTasks(image: ImageFile, tools: readonly PoolTool[], survey: PictureSurvey): Task[] {
  return [...tools]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((tool) =>
      toolExamplesOf(tool.tool).flatMap((example, n): Task[] =>
        fits(exampleFits(tool.tool.name, example, survey))
          ? [{ id: `${image.name}:tool:${tool.name}:${n}`, image, kind: 'tool', tool, example }]
          : [],
      ),
    );
}

/**
 * Every task the pictures, their surveys, the tools and the recipes allow, in a fixed order: a
 * task is left out when the survey shows its picture does not suit it (a face question on a
 * picture without faces), kept when the survey could not look.
 * @see ../README.md "Generate"
 */
export function allTasks(
  images: readonly ImageFile[],
  tools: readonly PoolTool[],
  surveys: ReadonlyMap<string, PictureSurvey>,
): Task[] {
  const names = new Set(tools.map((entry) => entry.tool.name));
  const has = (tool: string) => names.has(tool);
  const chains = CHAINS.filter((chain) => chain.tools.every(has));
  return images.flatMap((image): Task[] => {
    const survey = surveys.get(image.name) ?? {};
    return [
      ...toolTasks(image, tools, survey),
      ...chains.flatMap((chain) =>
        chain.requests.flatMap((request, n): Task[] =>
          fits(chain.fits(survey, request))
            ? [{ id: `${image.name}:chain:${chain.id}:${n}`, image, kind: 'chain', chain, request }]
            : [],
        ),
      ),
      ...[...groundedQuestions(survey), ...zoomQuestions(survey, has)].map(
        (grounded): Task => ({
          id: `${image.name}:${grounded.kind}:${grounded.key}`,
          image,
          kind: grounded.kind,
          grounded,
        }),
      ),
      ...NO_TOOL_REQUESTS.map(
        (request, n): Task => ({ id: `${image.name}:none:${n}`, image, kind: 'none', request }),
      ),
    ];
  });
}

/**
 * Orders the tasks to try: first a mix with the chosen shares of each kind (each kind shuffled by
 * `random`), then every other task as a reserve for samples a tool refuses.
 */
export function orderTasks(tasks: readonly Task[], count: number, random: Random): Task[] {
  const shared = new Set<Task['kind']>(SHARES.map((entry) => entry.kind));
  const groups = SHARES.map((entry) => {
    const of = random.shuffle(tasks.filter((task) => task.kind === entry.kind));
    const want = count >= entry.from ? Math.max(1, Math.round(count * entry.share)) : 0;
    return { of, want: Math.min(of.length, want) };
  });
  const single = random.shuffle(tasks.filter((task) => !shared.has(task.kind)));
  const wantSingle = Math.min(
    single.length,
    Math.max(0, count - groups.reduce((sum, group) => sum + group.want, 0)),
  );
  const first = [...groups.flatMap((group) => group.of.slice(0, group.want)), ...single.slice(0, wantSingle)];
  const rest = [...single.slice(wantSingle), ...groups.flatMap((group) => group.of.slice(group.want))];
  return [...random.shuffle(first), ...rest];
}
