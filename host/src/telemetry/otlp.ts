import { validTraceparent } from '@mmskills/core';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { TraceSpan, Tracing } from './tracing.js';

/** Whether the standard OpenTelemetry settings ask for trace export. */
export function otlpConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Spans recorded with the OpenTelemetry SDK and exported over OTLP/HTTP. The exporter and batch
 * processor read the standard `OTEL_*` settings (endpoint, headers, batch delay); `url` overrides
 * the endpoint. A request's sampled flag is kept: a trace its caller does not sample is not sent.
 */
export function otlpTracing(options: { url?: string; serviceName?: string } = {}): Tracing {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'mmskills-host' }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter(options.url ? { url: options.url } : {}) }),
    ],
  });
  const tracer = provider.getTracer('mmskills-host');
  return {
    span(name, parent, attributes): TraceSpan {
      const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, parentContext(parent));
      const { traceId, spanId, traceFlags } = span.spanContext();
      return {
        traceparent: `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`,
        end(error) {
          if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
          span.end();
        },
      };
    },
    shutdown: () => provider.shutdown(),
  };
}

function parentContext(parent: string | undefined) {
  const valid = validTraceparent(parent);
  if (!valid) return ROOT_CONTEXT;
  const [, traceId, spanId, flags] = valid.split('-') as [string, string, string, string];
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId,
    traceFlags: Number.parseInt(flags, 16),
    isRemote: true,
  });
}
