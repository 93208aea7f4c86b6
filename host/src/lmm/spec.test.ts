import { describe, expect, it } from 'vitest';
import { parseLmmSpec } from './spec.js';

describe('parseLmmSpec', () => {
  it.each([
    ['llama:/m/qwen.gguf', { kind: 'llama', model: '/m/qwen.gguf', gpu: 'auto', ctx: 8192 }],
    [
      'llama:/m/qwen.gguf,mmproj=/m/proj.gguf,gpu=vulkan,ctx=4096,threads=2',
      { kind: 'llama', model: '/m/qwen.gguf', mmproj: '/m/proj.gguf', gpu: 'vulkan', ctx: 4096, threads: 2 },
    ],
    ['llama:/m/qwen.gguf,seed=7', { kind: 'llama', model: '/m/qwen.gguf', gpu: 'auto', ctx: 8192, seed: 7 }],
    [
      'openai:http://127.0.0.1:8000/v1,model=qwen,key-env=VLLM_KEY',
      { kind: 'openai', baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen', keyEnv: 'VLLM_KEY' },
    ],
    [
      'openai:http://127.0.0.1:8000/v1,timeout=2.5',
      { kind: 'openai', baseUrl: 'http://127.0.0.1:8000/v1', timeout: 2.5 },
    ],
    ['scripted:turns.json', { kind: 'scripted', path: 'turns.json' }],
  ])('reads %s', (spec, expected) => {
    expect(parseLmmSpec(spec)).toEqual(expected);
  });

  it.each([
    ['gpt4', /expected llama:/],
    ['llama:', /model/],
    ['llama:m.gguf,gpu=cuda', /gpu/],
    ['llama:m.gguf,color=red', /unknown option "color"; known: mmproj, gpu, ctx, threads, seed/],
    ['llama:m.gguf,seed=-1', /seed/],
    ['llama:m.gguf,seed=one', /seed/],
    ['openai:not a url', /baseUrl/],
  ])('refuses %s clearly', (spec, message) => {
    expect(() => parseLmmSpec(spec)).toThrow(message);
  });
});
