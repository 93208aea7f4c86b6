import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('writes JSON lines at or above its level', () => {
    const lines: string[] = [];
    const log = createLogger('test', { level: 'warn', write: (line) => lines.push(line) });
    log.info('hidden');
    log.warn('shown', { tool: 'read_text' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'warn',
      name: 'test',
      message: 'shown',
      tool: 'read_text',
    });
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const log = createLogger('test', { level: 'silent', write: (line) => lines.push(line) });
    log.error('x');
    expect(lines).toEqual([]);
  });
});
