import type { CardInfo } from './card.js';
import type { MadeModel } from './models.js';
import type { CallRecord, StageResult, StepOutcome } from './stage.js';

/** A stage as the results file keeps it: which model it loaded. */
export type ModelStage = StageResult & { model: string };

const call = (outcome: StepOutcome | undefined): CallRecord | undefined =>
  outcome && 'totalMs' in outcome ? outcome : undefined;
const ms = (outcome: StepOutcome | undefined, field: 'firstTokenMs' | 'totalMs' = 'firstTokenMs') => {
  if (!outcome) return '–';
  if ('skipped' in outcome) return 'skip';
  if ('error' in outcome) return 'err';
  return String(outcome[field]);
};
const tps = (value: number | undefined) => (value === undefined ? '–' : String(Math.round(value)));

/** The host's decode call, or the one with the end token banned where the host's stopped early. */
export function decodeCall(stage: ModelStage): CallRecord | undefined {
  return call(stage.steps.decode_direct) ?? call(stage.steps.decode);
}

/** Decode as weight bytes read per second, against the card's measured read bandwidth. */
export function decodeBandwidth(model: MadeModel, stage: ModelStage | undefined, card?: CardInfo) {
  const decode = stage && decodeCall(stage)?.decodeTokensPerSecond;
  if (!decode) return undefined;
  const bytesPerSecond = model.weightBytesPerToken * decode;
  const read = card?.torch?.readBytesPerSecond;
  return { bytesPerSecond, fractionOfRead: read ? bytesPerSecond / read : undefined };
}

/** The short table printed last: one row per stage, then bandwidth and the GPU/CPU ratio. */
export function summaryTable(models: MadeModel[], stages: ModelStage[], card?: CardInfo): string {
  const header = [
    'model',
    'tools',
    'ctx',
    'device',
    'load s',
    'decode t/s',
    'turn decode t/s',
    'prompt t/s',
    'TTFT cold ms (prompt tokens)',
    'TTFT 2nd question ms: host / with prefix reuse',
    'image turn ms',
    'decode weights GB/s (of read bw)',
  ].join(' | ');
  const rows = stages.map((stage) => {
    const model = models.find((entry) => entry.name === stage.model);
    const s = stage.steps;
    const t = `tools${stage.tools}`;
    const bw = model ? decodeBandwidth(model, stage, stage.gpu === 'cpu' ? undefined : card) : undefined;
    return [
      stage.model,
      stage.tools,
      stage.ctx,
      stage.error ? `error: ${stage.error.slice(0, 60)}` : stage.device,
      stage.loadMs === undefined ? '–' : (stage.loadMs / 1000).toFixed(1),
      tps(decodeCall(stage)?.decodeTokensPerSecond),
      tps(call(s[`${t}_decode`])?.decodeTokensPerSecond),
      tps(call(s[`${t}_cold`])?.promptTokensPerSecond),
      `${ms(s[`${t}_cold`])} (${call(s[`${t}_cold`])?.promptTokens ?? '–'})`,
      `${ms(s[`${t}_warm`])} / ${ms(s[`${t}_reuse_warm`])}`,
      `${ms(s[`${t}_image1`], 'totalMs')}, ${ms(s[`${t}_image2`], 'totalMs')}`,
      bw
        ? `${(bw.bytesPerSecond / 1e9).toFixed(0)}${bw.fractionOfRead ? ` (${Math.round(bw.fractionOfRead * 100)}%)` : ''}`
        : '–',
    ].join(' | ');
  });
  const lines = [header, ...rows];
  if (card?.torch) {
    const t = card.torch;
    lines.push(
      `card: ${t.name}, ${t.totalMemoryGiB} GiB; PyTorch on a ${t.bufferGiB} GiB buffer: read ${(t.readBytesPerSecond / 1e9).toFixed(0)} GB/s, copy ${(t.copyBytesPerSecond / 1e9).toFixed(0)} GB/s (read + write)`,
    );
  } else if (card) {
    lines.push(
      `card: ${card.nvidiaSmi ?? 'unknown'} (${card.error?.slice(0, 200) ?? 'no bandwidth figure'})`,
    );
  }
  const ratio = gpuCpuRatio(stages);
  if (ratio) lines.push(ratio);
  return lines.join('\n');
}

function gpuCpuRatio(stages: ModelStage[]): string | undefined {
  const cpu = stages.find((stage) => stage.gpu === 'cpu' && stage.tools === 6);
  const gpu = stages.find((stage) => stage.gpu !== 'cpu' && stage.model === cpu?.model && stage.tools === 6);
  if (!cpu || !gpu) return undefined;
  const ratio = (
    name: string,
    field: 'decodeTokensPerSecond' | 'firstTokenMs' | 'totalMs',
    invert = false,
  ) => {
    const pick = (stage: ModelStage) => (name === 'decode' ? decodeCall(stage) : call(stage.steps[name]));
    const a = pick(gpu)?.[field];
    const b = pick(cpu)?.[field];
    if (!a || !b) return '–';
    return `${(invert ? b / a : a / b).toFixed(1)}×`;
  };
  return (
    `${cpu.model} GPU (${gpu.device}) vs CPU (${cpu.threads} threads): decode ${ratio('decode', 'decodeTokensPerSecond')}, ` +
    `TTFT 6 tools cold ${ratio('tools6_cold', 'firstTokenMs', true)}, 2nd question with prefix reuse ${ratio('tools6_reuse_warm', 'firstTokenMs', true)}, ` +
    `image turn ${ratio('tools6_image1', 'totalMs', true)} faster on the GPU`
  );
}
