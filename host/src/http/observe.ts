import type { MiddlewareHandler } from 'hono';
import type { AgentEvent } from '../agent/events.js';
import type { Host } from '../host.js';
import type { Metrics } from './metrics.js';

/** Counts every HTTP request by route pattern and status. */
export function countRequests(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    await next();
    metrics.add('mmskills_http_requests_total', { route: c.req.routePath, status: String(c.res.status) });
  };
}

/** The same host, with every agent run's tool calls, latencies, tokens and outcome counted. */
export function observedHost(host: Host, metrics: Metrics): Host {
  return {
    ...host,
    run(conversation, message, signal) {
      return countEvents(host.run(conversation, message, signal), metrics);
    },
  };
}

async function* countEvents(events: AsyncIterable<AgentEvent>, metrics: Metrics): AsyncGenerator<AgentEvent> {
  let outcome = 'cancelled';
  try {
    for await (const event of events) {
      if (event.type === 'observation') {
        metrics.add('mmskills_tool_calls_total', {
          tool: event.API_name,
          outcome: event.isError ? 'error' : 'ok',
        });
        metrics.add('mmskills_tool_call_seconds_sum', { tool: event.API_name }, event.ms / 1000);
      } else if (event.type === 'answer' || event.type === 'error') {
        outcome = event.type;
        metrics.add('mmskills_lmm_tokens_total', { kind: 'prompt' }, event.usage.promptTokens);
        metrics.add('mmskills_lmm_tokens_total', { kind: 'completion' }, event.usage.completionTokens);
        metrics.add('mmskills_lmm_tokens_total', { kind: 'cached' }, event.usage.cachedTokens);
      }
      yield event;
    }
  } finally {
    metrics.add('mmskills_agent_runs_total', { outcome });
  }
}
