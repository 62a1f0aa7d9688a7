/** Real provider servers (SMTP, SMPP, Web Push) and fakes of the HTTP providers' documented APIs, for tests. */
export { smppServer, smtpServer, webPushService } from './providers.js';
export type { Received } from './providers.js';
export { fcmFake, LocalTwilioClient, twilioFake, whatsappFake } from './http-fakes.js';
