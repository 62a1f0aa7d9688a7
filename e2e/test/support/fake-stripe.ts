import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Stripe API received, decoded from its form body. */
interface StripeCall {
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | undefined;
}

const error = (type: string, code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { type, code, message, doc_url: `https://stripe.com/docs/error-codes/${code}`, ...extra },
});

/**
 * A local stand-in for Stripe's PaymentIntents and Refunds APIs (stripe-mock is not installable
 * here), answering with Stripe's documented shapes: `payment_intent` and `refund` objects, 401
 * without a secret key, 402 `card_error`/`card_declined` for the test card `pm_card_chargeDeclined`,
 * 400 for a refund of more than is left or of a charge already refunded, 404 for an unknown intent,
 * and idempotent replays (same `Idempotency-Key`, same answer, `Idempotent-Replayed: true`).
 */
export async function startFakeStripe(secretKey: string) {
  const calls: StripeCall[] = [];
  const replays = new Map<string, { status: number; body: string }>();
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
      calls.push({ path: req.url ?? '', form, idempotencyKey });
      const send = (status: number, body: string, replayed = false) =>
        res
          .writeHead(status, {
            'content-type': 'application/json',
            'request-id': `req_${++next}`,
            ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
            ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
          })
          .end(body);
      if (req.headers.authorization !== `Bearer ${secretKey}`)
        return send(
          401,
          JSON.stringify(error('invalid_request_error', 'api_key_invalid', 'Invalid API Key provided.')),
        );
      const kept = idempotencyKey ? replays.get(idempotencyKey) : undefined;
      if (kept) return send(kept.status, kept.body, true);
      const answer = route(req.method ?? '', req.url ?? '', form);
      if (idempotencyKey) replays.set(idempotencyKey, answer);
      send(answer.status, answer.body);
    });
  });
  type Answer = { status: number; body: string };
  const ok = (body: unknown): Answer => ({ status: 200, body: JSON.stringify(body) });
  const fail = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });
  const missing = (param: string, id: string) =>
    fail(404, error('invalid_request_error', 'resource_missing', `No such ${param}: '${id}'`, { param }));
  const intents = new Map<string, Record<string, unknown> & { amount: number; amount_received: number }>();
  const refunded = new Map<string, number>();

  function route(method: string, url: string, form: URLSearchParams): Answer {
    if (method === 'POST' && url === '/v1/payment_intents') return createIntent(form);
    const confirm = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(url);
    if (method === 'POST' && confirm) return confirmIntent(confirm[1]!, form);
    if (method === 'POST' && url === '/v1/refunds') return createRefund(form);
    return fail(404, error('invalid_request_error', 'resource_missing', 'Unrecognized request URL.'));
  }

  function createIntent(form: URLSearchParams): Answer {
    const amount = Number(form.get('amount'));
    if (!Number.isInteger(amount) || amount < 1)
      return fail(400, error('invalid_request_error', 'parameter_invalid_integer', 'Invalid integer.'));
    const id = `pi_fake${String(++next).padStart(8, '0')}`;
    const intent = {
      id,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency: form.get('currency'),
      client_secret: `${id}_secret_fake`,
      metadata: { orderId: form.get('metadata[orderId]') },
      status: 'requires_payment_method',
      livemode: false,
    };
    intents.set(id, intent);
    if (form.get('confirm') !== 'true') return ok(intent);
    return confirmIntent(id, form);
  }

  function confirmIntent(id: string, form: URLSearchParams): Answer {
    const intent = intents.get(id);
    if (!intent) return missing('payment_intent', id);
    if (form.get('payment_method') === 'pm_card_chargeDeclined')
      return fail(
        402,
        error('card_error', 'card_declined', 'Your card was declined.', {
          decline_code: 'generic_decline',
          payment_intent: intent,
        }),
      );
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
    return ok(intent);
  }

  /** Refunds of a succeeded PaymentIntent's charge, as `POST /v1/refunds` documents them. */
  function createRefund(form: URLSearchParams): Answer {
    const id = form.get('payment_intent') ?? '';
    const intent = intents.get(id);
    if (!intent) return missing('payment_intent', id);
    const charge = `ch_${id}`;
    const left = intent.amount_received - (refunded.get(id) ?? 0);
    if (intent.amount_received === 0)
      return fail(
        400,
        error(
          'invalid_request_error',
          'charge_not_refundable',
          'This PaymentIntent does not have a successful charge to refund.',
        ),
      );
    if (left === 0)
      return fail(
        400,
        error('invalid_request_error', 'charge_already_refunded', `Charge ${charge} has already been refunded.`),
      );
    const amount = form.has('amount') ? Number(form.get('amount')) : left;
    if (!Number.isInteger(amount) || amount < 1)
      return fail(
        400,
        error('invalid_request_error', 'parameter_invalid_integer', 'Invalid positive integer', { param: 'amount' }),
      );
    if (amount > left)
      return fail(400, {
        error: {
          type: 'invalid_request_error',
          message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
          param: 'amount',
        },
      });
    refunded.set(id, (refunded.get(id) ?? 0) + amount);
    return ok({
      id: `re_fake${String(++next).padStart(8, '0')}`,
      object: 'refund',
      amount,
      charge,
      currency: intent.currency,
      payment_intent: id,
      reason: form.get('reason'),
      status: 'succeeded',
      metadata: {},
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
