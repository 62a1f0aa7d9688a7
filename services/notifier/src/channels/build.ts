import type { NotifierConfig } from '../config.js';
import type { ChannelAdapter } from './channel.js';
import { EmailAdapter } from './email.adapter.js';
import { FcmAdapter } from './fcm.adapter.js';
import { ChannelRegistry } from './registry.js';
import { SmppAdapter, type SmppReceipt } from './smpp.adapter.js';
import { TwilioAdapter } from './twilio.adapter.js';
import { WebPushAdapter } from './web-push.adapter.js';
import { WhatsAppAdapter } from './whatsapp.adapter.js';

/** The adapters a configuration asks for; SMPP receipts arriving on its session go to `onSmppReceipt`. */
export function buildChannels(config: NotifierConfig, onSmppReceipt: (r: SmppReceipt) => void): ChannelRegistry {
  const adapters: { adapter: ChannelAdapter; perSecond: number }[] = [];
  if (config.email) adapters.push({ adapter: new EmailAdapter(config.email), perSecond: config.email.perSecond });
  if (config.sms) {
    const adapter =
      config.sms.kind === 'smpp'
        ? new SmppAdapter(config.sms.smpp, onSmppReceipt)
        : new TwilioAdapter(config.sms.twilio);
    adapters.push({ adapter, perSecond: config.sms.perSecond });
  }
  if (config.whatsapp)
    adapters.push({ adapter: new WhatsAppAdapter(config.whatsapp), perSecond: config.whatsapp.perSecond });
  if (config.webPush)
    adapters.push({ adapter: new WebPushAdapter(config.webPush), perSecond: config.webPush.perSecond });
  if (config.fcm) adapters.push({ adapter: new FcmAdapter(config.fcm), perSecond: config.fcm.perSecond });
  return new ChannelRegistry(adapters);
}
