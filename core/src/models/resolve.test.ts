import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMmskillsError } from '../errors.js';
import { resolveModelFile } from './resolve.js';

const dir = mkdtempSync(join(tmpdir(), 'mmskills-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(isMmskillsError(error, 'model_not_found')).toBe(true);
    return error as Error;
  }
  throw new Error('expected model_not_found');
}

describe('resolveModelFile', () => {
  it('prefers the user path over the package', () => {
    const model = join(dir, 'mine.onnx');
    writeFileSync(model, 'weights');
    const resolved = resolveModelFile({
      userPath: model,
      packageName: 'onnxruntime-node',
      file: 'package.json',
      description: 'test model',
    });
    expect(resolved).toEqual({ path: model, source: 'user' });
  });

  it('names the missing user path and the flag and env that set it', () => {
    const missing = join(dir, 'absent.onnx');
    const error = failure(() =>
      resolveModelFile({
        userPath: missing,
        description: 'OCR detector',
        flag: '--model',
        envVar: 'MMSKILLS_OCR_MODEL',
      }),
    );
    expect(error.message).toBe(
      `OCR detector: no model file at "${missing}". Fix --model or MMSKILLS_OCR_MODEL to name an existing file.`,
    );
  });

  it('refuses a user path that is a directory', () => {
    expect(failure(() => resolveModelFile({ userPath: dir, description: 'm' })).message).toContain(dir);
  });

  it('finds a file inside an installed package and reports its version', () => {
    const resolved = resolveModelFile({
      packageName: '@tensorflow/tfjs-backend-wasm',
      file: 'dist/tfjs-backend-wasm.wasm',
      description: 'wasm',
    });
    expect(resolved.source).toBe('package');
    expect(resolved.path).toMatch(/@tensorflow[/\\]tfjs-backend-wasm[/\\]dist[/\\]tfjs-backend-wasm\.wasm$/);
    expect(resolved.packageName).toBe('@tensorflow/tfjs-backend-wasm');
    const manifest = JSON.parse(readFileSync(resolved.path.replace(/dist[/\\].*$/, 'package.json'), 'utf8'));
    expect(resolved.packageVersion).toBe(manifest.version);
  });

  it('finds packages whose exports hide package.json', () => {
    const resolved = resolveModelFile({ packageName: 'hono', file: 'package.json', description: 'hono' });
    expect(resolved.path).toMatch(/node_modules[/\\]hono[/\\]package\.json$/);
    expect(resolved.packageVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('names the package to install when it is missing', () => {
    const error = failure(() =>
      resolveModelFile({
        packageName: '@mmskills/no-such-models',
        file: 'm.onnx',
        description: 'face model',
        flag: '--model',
      }),
    );
    expect(error.message).toBe(
      'face model: the npm package "@mmskills/no-such-models" that ships its weights is not installed. ' +
        'Install it (npm install @mmskills/no-such-models) or give a model file with --model.',
    );
  });

  it('refuses a file the package does not ship, and paths that leave the package', () => {
    const missing = failure(() =>
      resolveModelFile({ packageName: 'onnxruntime-node', file: 'nope.onnx', description: 'm' }),
    );
    expect(missing.message).toMatch(/"nope\.onnx" is not in onnxruntime-node@\d+\.\d+\.\d+/);
    const outside = failure(() =>
      resolveModelFile({ packageName: 'onnxruntime-node', file: '../zod/package.json', description: 'm' }),
    );
    expect(outside.message).toContain('"../zod/package.json" is not in onnxruntime-node');
  });

  it('asks for a model when neither a path nor a package is given', () => {
    expect(
      failure(() => resolveModelFile({ description: 'caption model', envVar: 'MMSKILLS_CAPTION_MODEL' }))
        .message,
    ).toBe('caption model: no model configured. Give a model file with MMSKILLS_CAPTION_MODEL.');
  });
});
