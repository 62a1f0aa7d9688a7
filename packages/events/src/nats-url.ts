/** Server list and credentials read from a `NATS_URL`; what nats.js `connect` takes. */
export interface NatsServerOptions {
  /** The URLs without credentials, so nats.js can never echo a password in an error or status. */
  servers: string[];
  user?: string;
  pass?: string;
  /**
   * `_INBOX_<user>` for a signed-in user: replies and pulled JetStream messages arrive there, and the
   * server lets each user subscribe to its own inbox prefix only (deploy/nats/nats-server.conf), so
   * one service cannot read the replies meant for another.
   */
  inboxPrefix?: string;
}

/**
 * Parses `NATS_URL`: one URL or several separated by commas, each optionally carrying
 * `user:password@` (percent-encoded), e.g. `nats://donor:s3cret@nats:4222`. nats.js ignores
 * credentials in server URLs, so they are lifted into `user` / `pass` here (taken from the first
 * URL that has them). Keeping them in the one variable means no service config changes shape.
 */
export function natsServerOptions(natsUrl: string): NatsServerOptions {
  let user: string | undefined;
  let pass: string | undefined;
  const servers = natsUrl
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((server) => {
      if (!server.includes('@')) return server;
      const url = new URL(server.includes('://') ? server : `nats://${server}`);
      if (url.username && user === undefined) {
        user = decodeURIComponent(url.username);
        pass = decodeURIComponent(url.password);
      }
      return `${url.protocol}//${url.host}`;
    });
  return user ? { servers, user, pass, inboxPrefix: `_INBOX_${user}` } : { servers };
}
