import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import { ErrorCode, signViewerToken, type Viewer } from '@qurbani/kit';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RevokedSessions } from '../auth/revoked-sessions.js';
import type { GatewayContext } from '../context.js';
import { liveValidationRules, parseBounded } from '../limits.js';
import type { RateLimits } from '../perimeter/rate-limits.js';
import { LiveBus } from './live-bus.js';
import { LiveHub } from './live-hub.js';
import { LiveQueue } from './live-queue.js';
import { withSubscriptions } from './live-schema.js';
import { liveViewerFrom, type LiveSecrets, type LiveViewer } from './live-viewer.js';
import { endedMessage, RevocationCache } from './revocations.js';
import { prepareSubscription } from './subscribe.js';

export interface LiveOptions extends LiveSecrets {
  httpServer: http.Server;
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  revoked: RevokedSessions;
  /** Where live signals come from; without it the endpoint serves queries but refuses subscriptions. */
  natsUrl?: string;
  subjectPrefix?: string;
  /** New connections per IP. */
  limits?: RateLimits;
  /** The client's address as HTTP requests see it (behind a load balancer: from X-Forwarded-For). */
  clientIpOf?: (request: http.IncomingMessage) => string | undefined;
  production?: boolean;
}

type Extra = { socket: WebSocket; request: http.IncomingMessage };
/** What a connection_init established: the viewer, and the client's address for the subgraphs' per-IP limits. */
type Connection = { live: LiveViewer | null; ip?: string; timer?: NodeJS.Timeout };
type Ctx = Context<Record<string, unknown> | undefined, Extra>;

/** What `onSubscribe` hands to `subscribe` / `execute` through graphql-ws. */
type Operation =
  | { kind: 'subscription'; start: () => LiveQueue }
  | {
      kind: 'operation';
      query: string;
      variables: Record<string, unknown>;
      operationName?: string;
      viewer: Viewer | null;
      ip?: string;
    };

const error = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

/** Subscriptions one connection may hold at once (an app follows a few things; a bug follows thousands). */
const MAX_SUBSCRIPTIONS = 200;

/**
 * Largest graphql-ws message: an operation with its variables is a few KiB; ws's default (100 MiB)
 * would let one client make the gateway buffer and parse 100 MiB.
 */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Parsed documents kept for reuse, by total query length: popular operations stay, floods do not grow it. */
const PARSED_CACHE_BYTES = 2 * 1024 * 1024;

/** Root fields a family's tracking link may query over the live connection (their delivery only). */
const LINK_QUERIES = new Set(['delivery', 'driverPosition', '__typename']);

/**
 * Subscriptions at the gateway over graphql-ws, on the HTTP server and path of the API. Create it
 * before `apollo.start()` (it follows the gateway's schema updates), then `listen()`.
 */
export class LiveServer {
  private currentSchema: GraphQLSchema | undefined;
  private bus: LiveBus | null = null;
  private hub: LiveHub | null = null;
  private dispose: (() => Promise<void>) | null = null;
  private stopFollowingRevocations: (() => void) | null = null;
  /** Sign-outs, checked at most every 250 ms per sign-in (shared with the positions route). */
  readonly revocations: RevocationCache;
  private readonly connections = new WeakMap<Ctx, Connection>();
  private readonly parsed = new Map<string, DocumentNode>();
  private parsedBytes = 0;
  private readonly rules: ReturnType<typeof liveValidationRules>;

  /** The API schema with its subscriptions, as Apollo Server validates against it; unset until loaded. */
  get schema(): GraphQLSchema | undefined {
    return this.currentSchema;
  }

  constructor(private readonly options: LiveOptions) {
    this.revocations = new RevocationCache(options.revoked);
    this.rules = [...specifiedRules, ...liveValidationRules(options.production ?? false)];
    options.gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
      this.currentSchema = withSubscriptions(apiSchema);
      this.parsed.clear();
      this.parsedBytes = 0;
    });
  }

  /** Follows live signals and accepts WebSocket connections at /graphql. */
  async listen(): Promise<void> {
    const { natsUrl, subjectPrefix, httpServer } = this.options;
    if (natsUrl) {
      this.bus = await LiveBus.connect(natsUrl, subjectPrefix);
      this.hub = new LiveHub(this.bus, this.revocations, (q, v, viewer) => this.run(q, v, viewer));
    }
    // Also without live signals: the GraphQL route's sign-out checks learn of revocations here.
    this.stopFollowingRevocations = await this.options.revoked.follow((ids) => {
      this.revocations.remember(ids);
      this.hub?.endSessions(ids);
    });
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    httpServer.on('upgrade', (request, socket, head) => {
      if (request.url !== '/graphql' && !request.url?.startsWith('/graphql?')) {
        // Another route's upgrade (if anyone else listens), else nobody's.
        if (httpServer.listenerCount('upgrade') === 1) socket.destroy();
        return;
      }
      void (async () => {
        try {
          await this.options.limits?.consume('liveConnections', this.clientIp(request) ?? 'unknown');
        } catch {
          socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
      })();
    });
    const server = useServer<Record<string, unknown> | undefined, Extra>(
      {
        onConnect: (ctx) => this.connect(ctx),
        onSubscribe: (ctx, _id, payload) => this.prepare(ctx, payload),
        subscribe: (args) => (args.contextValue as Operation & { kind: 'subscription' }).start(),
        execute: (args) => this.execute(args.contextValue as Operation & { kind: 'operation' }),
        // Our results are already in wire form (formatted by the gateway).
        onNext: (_ctx, _id, _payload, _args, result) => result,
        onClose: (ctx) => clearTimeout(this.connections.get(ctx)?.timer),
      },
      wss,
    );
    this.dispose = async () => {
      await server.dispose();
    };
  }

  /** Counters for tests and benchmarks. */
  get stats() {
    return {
      ...(this.hub?.stats ?? { signals: 0, followUps: 0, fromSignal: 0, delivered: 0 }),
      followedSubjects: this.bus?.followed ?? 0,
    };
  }

  /** Closes every live connection (code 1001, "Going away": clients reconnect elsewhere), then NATS. */
  async close(): Promise<void> {
    await this.dispose?.();
    this.stopFollowingRevocations?.();
    await this.bus?.close();
  }

  /** connection_init: a bad, expired or revoked token closes the socket with 4403. */
  private async connect(ctx: Ctx): Promise<boolean> {
    let live: LiveViewer | null;
    try {
      live = liveViewerFrom(ctx.connectionParams, this.options);
      if (live && (await this.revocations.isRevoked(live.viewer.sessionId))) return false;
    } catch {
      return false;
    }
    const state: Connection = { live, ip: this.clientIp(ctx.extra.request) };
    if (live) {
      // When the token expires the connection ends; the client reconnects with a fresh one.
      const ms = Math.min(live.expiresAt - Date.now(), 2 ** 31 - 1);
      state.timer = setTimeout(() => ctx.extra.socket.close(4403, 'Forbidden: the token has expired'), ms);
      state.timer.unref();
    }
    this.connections.set(ctx, state);
    return true;
  }

  private async prepare(
    ctx: Ctx,
    payload: {
      query: string;
      variables?: Record<string, unknown> | null;
      operationName?: string | null;
      extensions?: Record<string, unknown> | null;
    },
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const schema = this.currentSchema;
    if (!schema) return [error('The gateway is starting; try again.', 'SERVICE_UNAVAILABLE')];
    // Who asks comes first: nothing an unknown client sends is parsed or cached.
    let live: LiveViewer | null;
    try {
      // GraphiQL sends the headers of its Headers tab with each operation rather than in connection_init.
      live =
        this.connections.get(ctx)?.live ??
        liveViewerFrom(payload.extensions?.headers as Record<string, unknown> | undefined, this.options);
      if (live && (await this.revocations.isRevoked(live.viewer.sessionId)))
        return [error(endedMessage(live.viewer), ErrorCode.Unauthenticated)];
    } catch (e) {
      return [e instanceof GraphQLError ? e : error('The access token is not valid.', ErrorCode.Unauthenticated)];
    }
    if (!live)
      return [
        error(
          'Sign in first: send the access token in connection_init or the Authorization header.',
          ErrorCode.Unauthenticated,
        ),
      ];
    const document = this.parseAndValidate(schema, payload.query);
    if (!('kind' in document)) return document;
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [error('Name the operation to run.', 'OPERATION_RESOLUTION_FAILURE')];

    const variables = payload.variables ?? {};
    const base = { schema, document, operationName: payload.operationName, variableValues: variables };

    if (operation.operation !== 'subscription') {
      if (live?.viewer.trackingDeliveryId) {
        const roots = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ''));
        if (operation.operation !== 'query' || !roots.every((r) => LINK_QUERIES.has(r)))
          return [error('A tracking link can only read its delivery.', ErrorCode.Forbidden)];
      }
      const op: Operation = {
        kind: 'operation',
        query: payload.query,
        variables,
        operationName: payload.operationName ?? undefined,
        viewer: live?.viewer ?? null,
        ip: this.connections.get(ctx)?.ip ?? this.clientIp(ctx.extra.request),
      };
      return { ...base, contextValue: op };
    }

    if (!this.hub) return [error('Live updates are not available on this gateway.', 'SERVICE_UNAVAILABLE')];
    // The one being prepared is already counted.
    if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS)
      return [error(`At most ${MAX_SUBSCRIPTIONS} subscriptions per connection.`, ErrorCode.RateLimited)];
    const prepared = await prepareSubscription({
      schema,
      document,
      operation,
      variables,
      live,
      check: (q, v, viewer) => this.run(q, v, viewer),
    });
    if (Array.isArray(prepared)) return prepared;
    const { field, topicId, plan, viewer } = prepared as Exclude<typeof prepared, readonly GraphQLError[]>;
    const hub = this.hub;
    const bus = this.bus!;
    const op: Operation = {
      kind: 'subscription',
      start: () => {
        const stops: (() => void)[] = [];
        const queue = new LiveQueue(() => stops.forEach((stop) => stop()));
        stops.push(hub.add(field.kind, topicId, { live: viewer, field, plan, queue }));
        if (field.endsWithDelivery) {
          // No position can follow a delivered or failed delivery: complete the subscription.
          stops.push(
            bus.listen('delivery', topicId, (signal) => {
              if (field.endsWithDelivery!.has(String((signal as { status?: string }).status))) queue.end();
            }),
          );
        }
        return queue;
      },
    };
    return { ...base, contextValue: op };
  }

  private clientIp(request: http.IncomingMessage): string | undefined {
    return this.options.clientIpOf?.(request) ?? request.socket.remoteAddress;
  }

  private parseAndValidate(schema: GraphQLSchema, query: string): DocumentNode | readonly GraphQLError[] {
    const cached = this.parsed.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parseBounded(query);
    } catch (e) {
      return [e instanceof GraphQLError ? e : error('Could not parse the operation.', 'GRAPHQL_PARSE_FAILED')];
    }
    const errors = validate(schema, document, this.rules);
    if (errors.length) return errors;
    if (this.parsedBytes + query.length > PARSED_CACHE_BYTES) {
      this.parsed.clear();
      this.parsedBytes = 0;
    }
    this.parsed.set(query, document);
    this.parsedBytes += query.length;
    return document;
  }

  private async execute(op: Operation & { kind: 'operation' }): Promise<ExecutionResult> {
    return (await this.runFormatted(op.query, op.variables, op.viewer, op.operationName, op.ip)) as ExecutionResult;
  }

  /** Runs a query through the gateway (plans, subgraph calls, formatted errors) as `viewer`. */
  private run(query: string, variables: Record<string, unknown>, viewer: Viewer): Promise<FormattedExecutionResult> {
    return this.runFormatted(query, variables, viewer);
  }

  private async runFormatted(
    query: string,
    variables: Record<string, unknown>,
    viewer: Viewer | null,
    operationName?: string,
    ip?: string,
  ): Promise<FormattedExecutionResult> {
    const viewerToken = signViewerToken(viewer, this.options.internalSecret, { ip });
    const response = await this.options.apollo.executeOperation(
      { query, variables, operationName },
      { contextValue: { viewer, viewerToken } },
    );
    if (response.body.kind !== 'single')
      return {
        errors: [{ message: 'Incremental delivery is not supported here.', extensions: { code: 'BAD_REQUEST' } }],
      };
    return response.body.singleResult as FormattedExecutionResult;
  }
}
