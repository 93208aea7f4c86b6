import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type OnnxNode = onnxProto.onnx.INodeProto;
export type OnnxTensor = onnxProto.onnx.ITensorProto;

const FLOAT = onnx.TensorProto.DataType.FLOAT;

/**
 * A decoded ONNX model with the lookups the rewrites need: which node makes a value, which nodes
 * read it, and the constant tensors (from `Constant` nodes, as Paddle exports weights, or from
 * initializers). Call {@link OnnxGraph.reindex} after changing the node list.
 */
export class OnnxGraph {
  private readonly model: onnxProto.onnx.ModelProto;
  private readonly constants = new Map<string, OnnxTensor>();
  private producers = new Map<string, OnnxNode>();
  private consumers = new Map<string, OnnxNode[]>();
  private readonly outputs: Set<string>;

  constructor(bytes: Uint8Array) {
    this.model = onnx.ModelProto.decode(bytes);
    for (const tensor of this.graph.initializer ?? []) this.constants.set(tensor.name ?? '', tensor);
    for (const node of this.nodes) {
      const value = node.opType === 'Constant' ? attribute(node, 'value')?.t : undefined;
      if (value) this.constants.set(node.output?.[0] ?? '', value);
    }
    this.outputs = new Set((this.graph.output ?? []).map((output) => output.name ?? ''));
    this.reindex();
  }

  private get graph(): onnxProto.onnx.IGraphProto {
    if (!this.model.graph) throw new Error('the ONNX model has no graph');
    return this.model.graph;
  }

  get nodes(): OnnxNode[] {
    return this.graph.node ?? [];
  }

  set nodes(nodes: OnnxNode[]) {
    this.graph.node = nodes;
    this.reindex();
  }

  reindex(): void {
    this.producers = new Map();
    this.consumers = new Map();
    for (const node of this.nodes) {
      for (const output of node.output ?? []) this.producers.set(output, node);
      for (const input of node.input ?? []) {
        const readers = this.consumers.get(input) ?? [];
        readers.push(node);
        this.consumers.set(input, readers);
      }
    }
  }

  producer(value: string): OnnxNode | undefined {
    return this.producers.get(value);
  }

  /** The nodes reading `value`; a graph output counts as one more reader nobody may rewrite. */
  readers(value: string): OnnxNode[] {
    const readers = this.consumers.get(value) ?? [];
    return this.outputs.has(value) ? [...readers, onnx.NodeProto.create({ opType: 'GraphOutput' })] : readers;
  }

  /** The only node reading `value`, if exactly one does. */
  onlyReader(value: string): OnnxNode | undefined {
    const readers = this.readers(value);
    return readers.length === 1 ? readers[0] : undefined;
  }

  constant(value: string): OnnxTensor | undefined {
    return this.constants.get(value);
  }

  /** The value of a one-element float constant, or undefined when `value` is anything else. */
  scalar(value: string | undefined): number | undefined {
    const tensor = value === undefined ? undefined : this.constants.get(value);
    if (tensor?.dataType !== FLOAT) return undefined;
    const data = floats(tensor);
    return data.length === 1 ? data[0] : undefined;
  }

  /** Adds a float initializer under a fresh name and returns the name. */
  addInitializer(name: string, dims: number[], data: Float32Array): string {
    return this.addTensor(name, dims, FLOAT, bytesOf(data));
  }

  /** Adds an int64 initializer holding one value (an index or axis for the nodes a rewrite adds). */
  addIndex(name: string, value: number, dims: number[] = []): string {
    const bytes = new Uint8Array(BigInt64Array.of(BigInt(value)).buffer);
    return this.addTensor(name, dims, onnx.TensorProto.DataType.INT64, bytes);
  }

  private addTensor(name: string, dims: number[], dataType: number, rawData: Uint8Array): string {
    let unique = name;
    for (let i = 2; this.constants.has(unique) || this.producers.has(unique); i += 1) unique = `${name}_${i}`;
    const tensor = onnx.TensorProto.create({ name: unique, dims, dataType, rawData });
    this.graph.initializer = [...(this.graph.initializer ?? []), tensor];
    this.constants.set(unique, tensor);
    return unique;
  }

  /** The version of the default ONNX operator set the model was exported for. */
  get opset(): number {
    const entry = this.model.opsetImport?.find((set) => !set.domain || set.domain === 'ai.onnx');
    return Number(entry?.version ?? 0);
  }

  /** The graph's output names, in order. */
  get outputNames(): string[] {
    return (this.graph.output ?? []).map((output) => output.name ?? '');
  }

  /** How many dimensions the model declares for an output, if it declares a shape. */
  outputRank(name: string): number | undefined {
    const output = (this.graph.output ?? []).find((value) => value.name === name);
    return output?.type?.tensorType?.shape?.dim?.length;
  }

  /** Replaces the graph's outputs; shapes are left for onnxruntime to infer. */
  setOutputs(outputs: ReadonlyArray<{ name: string; type: 'float' | 'int64' }>): void {
    this.graph.output = outputs.map(({ name, type }) =>
      onnx.ValueInfoProto.create({
        name,
        type: { tensorType: { elemType: type === 'float' ? FLOAT : onnx.TensorProto.DataType.INT64 } },
      }),
    );
    this.outputs.clear();
    for (const { name } of outputs) this.outputs.add(name);
  }

  /** The model, without the constants the rewrites left unread (onnxruntime warns about each). */
  encode(): Uint8Array {
    const read = (value: string) => this.consumers.has(value) || this.outputs.has(value);
    this.graph.node = this.nodes.filter((node) => node.opType !== 'Constant' || read(node.output?.[0] ?? ''));
    const unread = new Set(
      (this.graph.initializer ?? []).map((tensor) => tensor.name ?? '').filter((name) => !read(name)),
    );
    this.graph.initializer = (this.graph.initializer ?? []).filter(
      (tensor) => !unread.has(tensor.name ?? ''),
    );
    // Models before IR 4 also list their initializers as graph inputs.
    this.graph.input = (this.graph.input ?? []).filter((input) => !unread.has(input.name ?? ''));
    this.reindex();
    return onnx.ModelProto.encode(this.model).finish();
  }
}

/** A tensor's float values, whether stored as `float_data` or little-endian `raw_data`. */
export function floats(tensor: OnnxTensor): Float32Array {
  if (tensor.floatData && tensor.floatData.length > 0) return Float32Array.from(tensor.floatData);
  const raw = Uint8Array.from(tensor.rawData ?? []);
  return new Float32Array(raw.buffer, 0, raw.length >> 2);
}

/** Replaces a float tensor's values in place (as `raw_data`). */
export function setFloats(tensor: OnnxTensor, data: Float32Array): void {
  tensor.floatData = [];
  tensor.rawData = bytesOf(data);
}

function bytesOf(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

export function attribute(node: OnnxNode, name: string): onnxProto.onnx.IAttributeProto | undefined {
  return node.attribute?.find((a) => a.name === name);
}

/** The first dimension of a tensor (output channels of a Conv weight). */
export function firstDim(tensor: OnnxTensor): number {
  return Number(tensor.dims?.[0] ?? 0);
}

export function makeNode(
  opType: string,
  name: string,
  input: string[],
  output: string[],
  attributes: onnxProto.onnx.IAttributeProto[] = [],
): OnnxNode {
  return onnx.NodeProto.create({ opType, name, input, output, attribute: attributes });
}

export const floatAttribute = (name: string, f: number) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f });
export const intAttribute = (name: string, i: number) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
export const intsAttribute = (name: string, ints: number[]) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });
