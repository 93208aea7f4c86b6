import type { McpIcon } from '@mmskills/core';
import type { AnyToolDefinition } from './define-tool.js';
import { checkIcons } from './svg-icon.js';

/** A skill's model as `/health` reports it: what was loaded, from where, on which device. */
export type ModelStatus = Record<string, unknown>;

/** An MCP server package of vision tools (the LLaVA-Plus sense of "skill"). */
export interface SkillDefinition {
  /** Short name, also the bin suffix: `ocr` → `mmskills-ocr`. */
  name: string;
  title: string;
  /** At most 100 characters: it becomes the `server.json` description. */
  description: string;
  version: string;
  /** The npm package that ships the skill, e.g. `@mmskills/skill-ocr`. */
  packageName: string;
  /** Reverse-DNS registry name; defaults to `io.github.mmskills/<name>`. */
  registryName?: string;
  websiteUrl?: string;
  /** Pictures a client may show for the server (MCP `Implementation.icons`, sent in `serverInfo`). */
  icons?: McpIcon[];
  tools: AnyToolDefinition[];
  /** Loads models ahead of the first call; `runSkill --preload` calls it at start. */
  load?: () => Promise<void>;
  /**
   * Lets go of every model the skill holds, so that its memory goes back to the system and the
   * next call loads again: release onnxruntime sessions (`releaseOnnxSessions()`, or
   * `session.release()` on sessions not from `loadOnnxSession`), tfjs models (`releaseTfjs()`),
   * transformers.js models (`model.dispose()`), and forget the cached promises that held them
   * (`ModelSlot.unload()` does both for one model). Afterwards `model()` says `loaded: false`.
   * The runtime calls it after `--idle-unload` seconds without a call (`MMSKILLS_IDLE_UNLOAD`,
   * default 300, 0 never), never while a call runs or waits, and holds new calls until it ends;
   * it may run before anything was loaded, and must not throw for that. Skills without it keep
   * their models.
   */
  unload?: () => Promise<void>;
  /** Facts about the model for `/health`. */
  model?: () => ModelStatus;
  /** Calls running at once; further calls wait. Defaults to 1 (one model, one queue). */
  concurrency?: number;
}

const SKILL_NAME = /^[a-z][a-z0-9-]{0,40}$/;

/** Checks a skill definition once, at module load of the skill package, so mistakes fail fast. */
export function defineSkill(definition: SkillDefinition): SkillDefinition {
  if (!SKILL_NAME.test(definition.name)) {
    throw new TypeError(`skill name "${definition.name}" must be kebab-case`);
  }
  if (definition.description.length > 100) {
    throw new TypeError(`skill "${definition.name}" description is over 100 characters`);
  }
  if (definition.icons) checkIcons(`skill "${definition.name}"`, definition.icons);
  const names = new Set<string>();
  for (const tool of definition.tools) {
    if (names.has(tool.name)) throw new TypeError(`skill "${definition.name}" repeats tool "${tool.name}"`);
    names.add(tool.name);
  }
  return definition;
}

export function registryNameOf(skill: SkillDefinition): string {
  return skill.registryName ?? `io.github.mmskills/${skill.name}`;
}
