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
 * A local stand-in for Stripe's PaymentIntents API (stripe-mock is not installable here), answering
 * with Stripe's documented shapes: `payment_intent` objects, 401 without a secret key, 402
 * `card_error`/`card_declined` for the test card `pm_card_chargeDeclined`, and idempotent replays
 * (same `Idempotency-Key`, same answer, `Idempotent-Replayed: true`).
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
      if (req.method !== 'POST' || req.url !== '/v1/payment_intents')
        return send(
          404,
          JSON.stringify(error('invalid_request_error', 'resource_missing', 'Unrecognized request URL.')),
        );
      const amount = Number(form.get('amount'));
      if (!Number.isInteger(amount) || amount < 1)
        return send(
          400,
          JSON.stringify(error('invalid_request_error', 'parameter_invalid_integer', 'Invalid integer.')),
        );
      const id = `pi_fake${String(++next).padStart(8, '0')}`;
      const confirm = form.get('confirm') === 'true';
      const declined = form.get('payment_method') === 'pm_card_chargeDeclined';
      const intent = {
        id,
        object: 'payment_intent',
        amount,
        amount_received: confirm && !declined ? amount : 0,
        currency: form.get('currency'),
        client_secret: `${id}_secret_fake`,
        metadata: { orderId: form.get('metadata[orderId]') },
        status: !confirm ? 'requires_payment_method' : declined ? 'requires_payment_method' : 'succeeded',
        livemode: false,
      };
      const answer = declined
        ? {
            status: 402,
            body: JSON.stringify(
              error('card_error', 'card_declined', 'Your card was declined.', {
                decline_code: 'generic_decline',
                payment_intent: intent,
              }),
            ),
          }
        : { status: 200, body: JSON.stringify(intent) };
      if (idempotencyKey) replays.set(idempotencyKey, answer);
      send(answer.status, answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
