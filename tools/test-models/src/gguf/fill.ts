/**
 * A source of tensor values: writes elements `start … start + out.length - 1` of the tensor into `out`.
 * It must depend on nothing but its arguments, so that a tensor comes out the same however it is chunked.
 * Fills made by {@link randomFill} and {@link constantFill} carry a `spec`, which lets worker threads
 * make their chunks.
 */
export type TensorFill = ((out: Float32Array, start: number) => void) & { readonly spec?: FillSpec };

/** A fill described as data, so that it can be sent to a worker thread. */
export type FillSpec = { kind: 'random'; seed: number; std: number } | { kind: 'constant'; value: number };

// Sum of four uniform bytes (Irwin–Hall, n = 4): mean 510, variance 4 · (256² − 1) / 12.
const byteSumMean = 510;
const byteSumStd = Math.sqrt((4 * (256 * 256 - 1)) / 12);
const maxElements = 2 ** 32;

/**
 * Bell-shaped random values with mean 0 and standard deviation `std`, bounded by ±3.45·std.
 * Counter-based (element i is a hash of seed and i), so any chunk can be made on its own and the
 * values depend only on the seed.
 */
export function randomFill(seed: number, std = 0.02): TensorFill {
  return fillFromSpec({ kind: 'random', seed, std });
}

/** Every element equal to `value` (norm weights use 1, biases 0). */
export function constantFill(value: number): TensorFill {
  return fillFromSpec({ kind: 'constant', value });
}

/** The fill a spec describes. */
export function fillFromSpec(spec: FillSpec): TensorFill {
  const fill =
    spec.kind === 'random'
      ? random(spec.seed, spec.std)
      : (out: Float32Array) => {
          out.fill(spec.value);
        };
  return Object.assign(fill, { spec });
}

/** The given values, in order (for small tensors whose content matters). */
export function arrayFill(values: ArrayLike<number>): TensorFill {
  return (out, start) => {
    if (start + out.length > values.length) {
      throw new RangeError(`arrayFill has ${values.length} values, asked for ${start + out.length}`);
    }
    for (let i = 0; i < out.length; i++) out[i] = values[start + i] as number;
  };
}

/** A 32-bit seed for one named tensor of a model seeded with `seed`, so tensors are independent. */
export function tensorSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ mix32(seed >>> 0);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return mix32(h >>> 0);
}

function random(seed: number, std: number): (out: Float32Array, start: number) => void {
  const key = mix32(seed >>> 0);
  const scale = std / byteSumStd;
  return (out, start) => {
    if (start + out.length > maxElements) {
      throw new RangeError('randomFill covers at most 2^32 elements per tensor');
    }
    for (let i = 0; i < out.length; i++) {
      const h = mix32(((start + i) ^ key) >>> 0);
      const sum = (h & 0xff) + ((h >>> 8) & 0xff) + ((h >>> 16) & 0xff) + (h >>> 24);
      out[i] = (sum - byteSumMean) * scale;
    }
  };
}

// "lowbias32" integer hash (C. Wellons' hash-prospector): a full-avalanche 32-bit bijection.
function mix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
