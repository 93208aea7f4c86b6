import { childTraceparent } from '@mmskills/core';

/** One operation in a trace: the context to send on for work it causes, and its end. */
export interface TraceSpan {
  /** W3C traceparent naming this span as the parent. */
  readonly traceparent: string;
  end(error?: string): void;
}

/**
 * How the host takes part in W3C traces. One implementation per file: `propagateOnly` (the
 * default: contexts are passed on, nothing is recorded) and `otlpTracing` (spans exported over
 * OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` or `…_TRACES_ENDPOINT` is set).
 */
export interface Tracing {
  /** Starts a span under `parent` (a traceparent), or a new trace without one. */
  span(name: string, parent: string | undefined, attributes?: Record<string, string | number>): TraceSpan;
  /** Sends what is left and stops. */
  shutdown(): Promise<void>;
}

/** Passes trace context on with a new parent id per operation, recording nothing. */
export function propagateOnly(): Tracing {
  return {
    span: (_name, parent) => ({ traceparent: childTraceparent(parent), end: () => undefined }),
    shutdown: async () => undefined,
  };
}
