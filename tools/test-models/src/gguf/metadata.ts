import type { ByteWriter } from './byte-writer.js';

/** Scalar GGUF value types, named as in the spec (`GGUF_TYPE_UINT8` … `GGUF_TYPE_FLOAT64`). */
export type GgufScalarType =
  | 'u8'
  | 'i8'
  | 'u16'
  | 'i16'
  | 'u32'
  | 'i32'
  | 'f32'
  | 'bool'
  | 'string'
  | 'u64'
  | 'i64'
  | 'f64';

type ScalarValue<T extends GgufScalarType> = T extends 'bool'
  ? boolean
  : T extends 'string'
    ? string
    : T extends 'u64' | 'i64'
      ? number | bigint
      : number;

/** One typed scalar metadata value. */
export type GgufScalar = { [T in GgufScalarType]: { type: T; value: ScalarValue<T> } }[GgufScalarType];

/** A typed array value; arrays may nest (`itemType: 'array'`). */
export type GgufArray =
  | {
      [T in GgufScalarType]: { type: 'array'; itemType: T; value: readonly ScalarValue<T>[] };
    }[GgufScalarType]
  | { type: 'array'; itemType: 'array'; value: readonly GgufArray[] };

/** Any metadata value. */
export type GgufValue = GgufScalar | GgufArray;

/** Metadata key/value pairs, written in insertion order. */
export type GgufMetadata = Readonly<Record<string, GgufValue>>;

/** `gguf_type` ids from gguf.h. */
export const ggufTypeIds: Readonly<Record<GgufScalarType | 'array', number>> = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  string: 8,
  array: 9,
  u64: 10,
  i64: 11,
  f64: 12,
};

/** Shorthands for building metadata values. */
export const gguf = {
  u32: (value: number): GgufScalar => ({ type: 'u32', value }),
  i32: (value: number): GgufScalar => ({ type: 'i32', value }),
  f32: (value: number): GgufScalar => ({ type: 'f32', value }),
  bool: (value: boolean): GgufScalar => ({ type: 'bool', value }),
  string: (value: string): GgufScalar => ({ type: 'string', value }),
  strings: (value: readonly string[]): GgufArray => ({ type: 'array', itemType: 'string', value }),
  f32s: (value: readonly number[]): GgufArray => ({ type: 'array', itemType: 'f32', value }),
  i32s: (value: readonly number[]): GgufArray => ({ type: 'array', itemType: 'i32', value }),
};

/** Writes one key/value pair: key string, u32 type id, value. */
export function writeKeyValue(out: ByteWriter, key: string, value: GgufValue): void {
  out.string(key);
  out.u32(ggufTypeIds[value.type]);
  writeValue(out, value);
}

function writeValue(out: ByteWriter, value: GgufValue): void {
  if (value.type !== 'array') {
    writeScalar(out, value.type, value.value);
    return;
  }
  out.u32(ggufTypeIds[value.itemType]);
  out.u64(value.value.length);
  for (const item of value.value) {
    if (value.itemType === 'array') writeValue(out, item as GgufArray);
    else writeScalar(out, value.itemType, item as ScalarValue<GgufScalarType>);
  }
}

const integerRanges: Partial<Record<GgufScalarType, readonly [number, number]>> = {
  u8: [0, 0xff],
  i8: [-0x80, 0x7f],
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
};

function writeScalar(out: ByteWriter, type: GgufScalarType, value: number | bigint | boolean | string): void {
  const range = integerRanges[type];
  if (range && !(Number.isInteger(value) && (value as number) >= range[0] && (value as number) <= range[1])) {
    throw new RangeError(`${String(value)} is not a valid ${type}`);
  }
  switch (type) {
    case 'u8':
      out.u8(value as number);
      break;
    case 'i8':
      out.i8(value as number);
      break;
    case 'u16':
      out.u16(value as number);
      break;
    case 'i16':
      out.i16(value as number);
      break;
    case 'u32':
      out.u32(value as number);
      break;
    case 'i32':
      out.i32(value as number);
      break;
    case 'f32':
      out.f32(value as number);
      break;
    case 'f64':
      out.f64(value as number);
      break;
    case 'u64':
      out.u64(value as number | bigint);
      break;
    case 'i64':
      out.i64(value as number | bigint);
      break;
    case 'bool':
      out.u8(value === true ? 1 : 0);
      break;
    case 'string':
      out.string(value as string);
      break;
  }
}
