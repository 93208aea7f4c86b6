import type { CardInfo } from './card.js';
import type { HostTurn } from './host-turn.js';
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
export function summaryTable(
  models: MadeModel[],
  stages: ModelStage[],
  card?: CardInfo,
  hostTurn?: HostTurn,
): string {
  const header = [
    'model',
    'tools',
    'ctx',
    'device',
    'load s',
    'decode t/s',
    'turn decode t/s',
    'small prompt t/s',
    'small TTFT cold / warm ms',
    'tools prompt t/s',
    'TTFT cold ms (prompt tokens)',
    'TTFT 2nd / 3rd question ms (cached tokens)',
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
      tps(call(s.small_cold)?.promptTokensPerSecond),
      `${ms(s.small_cold)} / ${ms(s.small_warm)}`,
      tps(call(s[`${t}_cold`])?.promptTokensPerSecond),
      `${ms(s[`${t}_cold`])} (${call(s[`${t}_cold`])?.promptTokens ?? '–'})`,
      `${ms(s[`${t}_warm`])} / ${ms(s[`${t}_warm2`])} (${call(s[`${t}_warm`])?.cachedTokens ?? '–'})`,
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
  if (hostTurn) lines.push(hostTurnLine(hostTurn));
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
    field: 'decodeTokensPerSecond' | 'promptTokensPerSecond' | 'firstTokenMs' | 'totalMs',
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
    `small prompt ${ratio('small_cold', 'promptTokensPerSecond')}, TTFT small prompt cold ${ratio('small_cold', 'firstTokenMs', true)}, ` +
    `warm ${ratio('small_warm', 'firstTokenMs', true)} faster on the GPU`
  );
}

/** The HTTP host's turns: its device as /health says it, latency, and which tools the agent called. */
function hostTurnLine(turn: HostTurn): string {
  const model = (turn.health as { model?: { device?: string } } | undefined)?.model;
  const turns = turn.turns.map((entry) => {
    const called = (entry.steps ?? [])
      .filter((step) => step.type === 'observation')
      .map((step) => `${step.API_name}${step.isError ? ' (error)' : ''}`);
    return `${entry.status} in ${entry.ms} ms${called.length ? ` calling ${called.join(', ')}` : ', no tool'}${entry.error ? ` (${entry.error.slice(0, 80)})` : ''}`;
  });
  return (
    `HTTP host (/v1/chat/completions, image skill): device ${model?.device ?? '–'}, up in ${turn.startMs ?? '–'} ms; ` +
    `${turns.join('; ') || 'no turn'}; image_info run by the agent: ${turn.calledImageInfo ? 'yes' : 'no'}; ` +
    `image__image_info through /mcp: ${turn.gateway ? `${turn.gateway.ms} ms, ${(turn.gateway.text ?? `error ${turn.gateway.error}`).slice(0, 120)}` : '–'}` +
    `${turn.error ? `; error: ${turn.error.slice(0, 160)}` : ''}`
  );
}
