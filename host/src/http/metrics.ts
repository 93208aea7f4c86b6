/** Counters and latency sums in Prometheus text format, for `GET /metrics`. */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly help = new Map<string, [string, 'counter' | 'gauge']>();

  describe(name: string, text: string, type: 'counter' | 'gauge' = 'counter'): this {
    this.help.set(name, [text, type]);
    return this;
  }

  add(name: string, labels: Record<string, string>, value = 1): void {
    const key = `${name}${formatLabels(labels)}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + value);
  }

  render(gauges: Record<string, number> = {}): string {
    const lines: string[] = [];
    const seen = new Set<string>();
    const all = [...this.counters, ...Object.entries(gauges)].sort(([a], [b]) => a.localeCompare(b));
    for (const [key, value] of all) {
      const name = key.replace(/\{.*$/, '');
      const help = this.help.get(name);
      if (help && !seen.has(name)) {
        lines.push(`# HELP ${name} ${help[0]}`, `# TYPE ${name} ${help[1]}`);
        seen.add(name);
      }
      lines.push(`${key} ${Number.isInteger(value) ? value : value.toFixed(6)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const escapeValue = (value: string) =>
    value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${entries.map(([key, value]) => `${key}="${escapeValue(value)}"`).join(',')}}`;
}

/** The metrics the host reports, with their help texts. */
export function hostMetrics(): Metrics {
  return new Metrics()
    .describe('mmskills_http_requests_total', 'HTTP requests by route and status')
    .describe('mmskills_tool_calls_total', 'tool calls by tool and outcome')
    .describe('mmskills_tool_call_seconds_sum', 'total seconds spent in tool calls, by tool')
    .describe(
      'mmskills_lmm_tokens_total',
      'tokens by kind (prompt, completion, cached: prompt tokens served from the KV cache)',
    )
    .describe('mmskills_agent_runs_total', 'agent runs by outcome')
    .describe('mmskills_conversations', 'conversations in the store (all hosts sharing it)', 'gauge');
}
