import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';

/** W3C trace-context header, on HTTP requests and NATS messages alike. */
export const TRACEPARENT_HEADER = 'traceparent';

export type SpanKindName = 'server' | 'client' | 'producer' | 'consumer' | 'internal';
const KINDS: Record<SpanKindName, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
};

export interface SpanOptions {
  /** A `traceparent` to continue (an event's, a stored job's); else the active span is the parent. */
  parent?: string | null;
  kind?: SpanKindName;
  attributes?: Attributes;
}

/**
 * One service's tracer. When tracing is off (no OTLP endpoint configured) `span` just calls `fn`:
 * no span objects, no context switches, nothing exported.
 */
export interface Tracing {
  readonly on: boolean;
  span<T>(name: string, fn: () => Promise<T>, options?: SpanOptions): Promise<T>;
  /** Exports what is buffered (before a process exits). */
  flush(): Promise<void>;
}

const OFF: Tracing = { on: false, span: (_name, fn) => fn(), flush: async () => undefined };

/** Where spans go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
function tracesEndpoint(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base ? `${base.replace(/\/$/, '')}/v1/traces` : null;
}

const byService = new Map<string, Tracing>();
let contextInstalled = false;

/**
 * The tracing of `service`, made once per process and name. Each service gets its own provider (its
 * own `service.name`), so services sharing a process in tests still show as themselves; with
 * `global`, its provider is also the one `@apollo/gateway` and other libraries find.
 */
export function tracingFor(service: string, options: { global?: boolean } = {}): Tracing {
  const known = byService.get(service);
  if (known) return known;
  const url = tracesEndpoint();
  const made = url ? startProvider(service, url, options.global ?? false) : OFF;
  byService.set(service, made);
  return made;
}

function startProvider(service: string, url: string, global: boolean): Tracing {
  installContext();
  const ratio = Number(process.env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  const delay = Number(process.env.OTEL_BSP_SCHEDULE_DELAY ?? 2000);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    // Follows the caller's decision, so a trace is whole or absent across services.
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 1) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: delay })],
  });
  if (global) trace.setGlobalTracerProvider(provider);
  const tracer = provider.getTracer(service);
  return {
    on: true,
    span: (name, fn, spanOptions) => runSpan(tracer, name, fn, spanOptions),
    flush: () => provider.forceFlush(),
  };
}

/** Async context and the W3C propagator, once per process, for every provider. */
function installContext(): void {
  if (contextInstalled) return;
  contextInstalled = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

function runSpan<T>(tracer: Tracer, name: string, fn: () => Promise<T>, options: SpanOptions = {}): Promise<T> {
  const parent: Context =
    options.parent !== undefined
      ? options.parent
        ? propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_HEADER]: options.parent })
        : ROOT_CONTEXT
      : context.active();
  const spanOptions = { kind: KINDS[options.kind ?? 'internal'], attributes: options.attributes };
  return tracer.startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active span as a `traceparent` value (to store with a job or event), or undefined when none. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier[TRACEPARENT_HEADER];
}

/** Adds the active span's `traceparent` to outgoing HTTP headers; a no-op when tracing is off. */
export function withTraceparent<H extends Record<string, unknown>>(headers: H): H {
  const value = currentTraceparent();
  return value ? { ...headers, [TRACEPARENT_HEADER]: value } : headers;
}
