import { signViewerToken, STRIPE_WEBHOOK_PATH, VIEWER_HEADER } from '@qurbani/kit';
import type { Express, Response } from 'express';
import http from 'node:http';
import { withinLimit } from './perimeter/rate-limits.js';

/** Stripe's events are a few KiB; anything larger is not one. */
const MAX_BODY = 256 * 1024;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface WebhookProxyOptions {
  /** The donor subgraph's GraphQL URL (its origin serves the webhook). */
  donorUrl: () => string | undefined;
  internalSecret: string;
  /** Spends one request of the caller IP's anonymous budget; throws `RateLimited` when spent. */
  limit?: (ip: string) => Promise<void>;
}

const fail = (res: Response, status: number, message: string) => res.status(status).json({ error: message });

/**
 * `POST /webhooks/stripe`: the one unauthenticated write the gateway passes on. It goes to one fixed
 * path of the donor subgraph with the raw bytes untouched (the signature covers them), only the
 * `stripe-signature` and `content-type` headers, and an anonymous viewer token; the donor subgraph
 * checks Stripe's signature and applies the event at most once.
 */
export function mountWebhookProxy(app: Express, options: WebhookProxyOptions): void {
  app.post(STRIPE_WEBHOOK_PATH, async (req, res) => {
    if (options.limit && !(await withinLimit(res, () => options.limit!(req.ip ?? 'unknown'), true))) return;
    const base = options.donorUrl();
    if (!base) return fail(res, 503, 'The donor service is unavailable; the provider will retry.');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) return fail(res, 413, 'Too large for a webhook event.');
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    const headers: http.OutgoingHttpHeaders = {
      'content-type': req.header('content-type') ?? 'application/json',
      'content-length': body.length,
      [VIEWER_HEADER]: signViewerToken(null, options.internalSecret, { ip: req.ip }),
    };
    const signature = req.header('stripe-signature');
    if (signature) headers['stripe-signature'] = signature;
    const upstream = http.request(new URL(STRIPE_WEBHOOK_PATH, base), { method: 'POST', headers, agent }, (answer) => {
      res.status(answer.statusCode ?? 502).type('application/json');
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) fail(res, 502, 'The donor service did not answer; the provider will retry.');
    });
    upstream.end(body);
  });
}
