import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client, type ClientOptions, type FormattedExecutionResult, type Sink } from 'graphql-ws';

export type { TypedDocumentNode };

/** How to reach the gateway's live endpoint and who is subscribing. */
export interface LiveOptions {
  /**
   * The gateway's /graphql URL (http(s) or ws(s)). A function is called on every (re)connection,
   * e.g. to move to another gateway replica when one goes away.
   */
  url: string | (() => string | Promise<string>);
  /** An access token, or a function returning a fresh one; read on every (re)connection. */
  accessToken?: string | (() => string | undefined | Promise<string | undefined>);
  /** A family's tracking-link token, instead of an access token. */
  trackingToken?: string;
  /** Any other graphql-ws client option (events, retries, a WebSocket implementation). */
  client?: Partial<ClientOptions>;
}

/** `http://host/graphql` -> `ws://host/graphql`. */
export const liveUrl = (url: string) => url.replace(/^http(s?):/, 'ws$1:');

/**
 * Typed subscriptions over graphql-ws. The connection is opened on the first subscription, and
 * re-opened (with a fresh token and, when `url` is a function, possibly another replica) after a
 * drop; active subscriptions are then re-subscribed by graphql-ws.
 */
export class QurbaniLive {
  readonly client: Client;
  private readonly printed = new WeakMap<object, string>();

  constructor(options: LiveOptions) {
    const { url, accessToken, trackingToken } = options;
    this.client = createClient({
      url: async () => liveUrl(typeof url === 'function' ? await url() : url),
      connectionParams: async () => {
        if (trackingToken) return { trackingToken };
        const token = typeof accessToken === 'function' ? await accessToken() : accessToken;
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      retryAttempts: Number.POSITIVE_INFINITY,
      // Quick first retries (a replica went away; another is up), then backing off to 10 s.
      retryWait: (retries) =>
        new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** retries, 10_000) * (0.5 + Math.random() / 2))),
      ...options.client,
    });
  }

  /** Calls `sink.next` with each event; returns the function that ends the subscription. */
  subscribe<TData, TVars>(
    document: TypedDocumentNode<TData, TVars>,
    variables: TVars,
    sink: Sink<FormattedExecutionResult<TData, unknown>>,
  ): () => void {
    return this.client.subscribe<TData>(
      { query: this.print(document), variables: (variables ?? {}) as Record<string, unknown> },
      sink,
    );
  }

  /** The events as an async iterator; `return()` (or leaving a for-await loop) ends the subscription. */
  iterate<TData, TVars>(
    document: TypedDocumentNode<TData, TVars>,
    variables: TVars,
  ): AsyncIterableIterator<FormattedExecutionResult<TData, unknown>> {
    return this.client.iterate<TData>({
      query: this.print(document),
      variables: (variables ?? {}) as Record<string, unknown>,
    });
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }

  private print(document: object): string {
    let query = this.printed.get(document);
    if (!query) this.printed.set(document, (query = print(document as Parameters<typeof print>[0])));
    return query;
  }
}
