import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';

describe('Metrics', () => {
  it('renders counters with escaped labels, help once per name, and gauges', () => {
    const metrics = new Metrics()
      .describe('calls_total', 'tool calls')
      .describe('open', 'open things', 'gauge');
    metrics.add('calls_total', { tool: 'read_text', outcome: 'ok' });
    metrics.add('calls_total', { tool: 'read_text', outcome: 'ok' });
    metrics.add('calls_total', { tool: 'say "hi"', outcome: 'error' });
    expect(metrics.render({ open: 3 })).toBe(
      [
        '# HELP calls_total tool calls',
        '# TYPE calls_total counter',
        'calls_total{tool="read_text",outcome="ok"} 2',
        'calls_total{tool="say \\"hi\\"",outcome="error"} 1',
        '# HELP open open things',
        '# TYPE open gauge',
        'open 3',
        '',
      ].join('\n'),
    );
  });
});
