import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL error as the gateway returns it; `code` is `extensions.code`. */
export interface ApiError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface ApiResult<T> {
  data?: T | null;
  errors?: ApiError[];
  status: number;
}

/** Thrown by `request` when the response has errors; carries the first error's code. */
export class QurbaniApiError extends Error {
  constructor(
    readonly errors: ApiError[],
    readonly status: number,
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** A typed client for the gateway: every operation is a generated `TypedDocumentNode`. */
export class QurbaniClient {
  private readonly printed = new WeakMap<object, string>();

  constructor(
    readonly url: string,
    public accessToken?: string,
  ) {}

  withToken(accessToken: string | undefined): QurbaniClient {
    return new QurbaniClient(this.url, accessToken);
  }

  /** Returns data and errors as the server sent them, for callers that expect errors. */
  async execute<TData, TVars>(document: TypedDocumentNode<TData, TVars>, variables?: TVars): Promise<ApiResult<TData>> {
    let query = this.printed.get(document);
    if (!query) this.printed.set(document, (query = print(document)));
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
      },
      body: JSON.stringify({ query, variables: variables ?? {} }),
    });
    const body = (await response.json()) as { data?: TData; errors?: ApiError[] };
    return { ...body, status: response.status };
  }

  /** Returns the data or throws `QurbaniApiError`. */
  async request<TData, TVars>(document: TypedDocumentNode<TData, TVars>, variables?: TVars): Promise<TData> {
    const result = await this.execute(document, variables);
    if (result.errors?.length || !result.data)
      throw new QurbaniApiError(result.errors ?? [{ message: 'no data' }], result.status);
    return result.data;
  }
}
