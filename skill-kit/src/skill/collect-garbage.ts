import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Runs a full garbage collection now. After an unload the models' memory (onnxruntime sessions,
 * tfjs's wasm heap, transformers.js tensors) is only unreachable: an idle process allocates
 * nothing, so V8 would not collect it for hours. Without `--expose-gc` the flag is turned on
 * here and `gc` taken from a fresh context, as the `expose-gc` package does; a dependency for
 * these two lines was not worth it.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') {
      collect = exposed;
    } else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
}
