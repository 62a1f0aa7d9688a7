import type { ApiResult, TypedDocumentNode } from '@qurbani/sdk';
import { print } from 'graphql';

/**
 * Calls the gateway as a client at `ip` would arrive through a trusted proxy (X-Forwarded-For): the
 * gateway trusts loopback proxies by default, and tests connect from loopback.
 */
export function fromAddress(gatewayUrl: string, ip: string, accessToken?: string) {
  const post = async (body: unknown): Promise<ApiResult<any>> => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': ip,
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { ...((await response.json()) as object), status: response.status };
  };
  return {
    execute: <TData, TVars>(document: TypedDocumentNode<TData, TVars>, variables: TVars): Promise<ApiResult<TData>> =>
      post({ query: print(document), variables }),
    /** A hand-written document (aliased batches the SDK has no operation for). */
    raw: (query: string, variables: Record<string, unknown> = {}) => post({ query, variables }),
  };
}
