import { type Dockerfile, DockerfileParser, type Instruction } from 'dockerfile-ast';

/** One stage of a Dockerfile: its name and instructions, in order. */
export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

/** The stages of a Dockerfile, each with the instructions between its FROM and the next. */
export function dockerfileStages(text: string): { dockerfile: Dockerfile; stages: Stage[] } {
  const dockerfile = DockerfileParser.parse(text);
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const args = instruction.getArguments().map((arg) => arg.getValue());
      stages.push({ name: args[2] ?? `stage-${stages.length}`, image: args[0] ?? '', instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { dockerfile, stages };
}

/** The JSON (exec) form of an ENTRYPOINT, CMD or HEALTHCHECK CMD, as its argv. */
export function execForm(instruction: Instruction): string[] {
  const text = (instruction.getArgumentsContent() ?? '').replace(/^CMD\s+/, '');
  const argv: unknown = JSON.parse(text);
  if (!Array.isArray(argv) || !argv.every((arg) => typeof arg === 'string')) {
    throw new Error(`${instruction.getKeyword()} is not in exec form: ${text}`);
  }
  return argv;
}

export const keyword = (stage: Stage, name: string) =>
  stage.instructions.filter((i) => i.getKeyword() === name);
