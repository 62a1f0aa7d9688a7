import { registerEnumType } from 'type-graphql';

/** Keys equal values: type-graphql exposes the keys as the GraphQL enum values. */
export enum Language {
  AR = 'AR',
  FR = 'FR',
  EN = 'EN',
  UR = 'UR',
  BN = 'BN',
  HA = 'HA',
}

export enum ContactChannel {
  SMS = 'SMS',
  EMAIL = 'EMAIL',
  WHATSAPP = 'WHATSAPP',
  PUSH = 'PUSH',
  IN_APP = 'IN_APP',
}

registerEnumType(Language, { name: 'Language', description: 'Language the donor reads and is notified in.' });
registerEnumType(ContactChannel, {
  name: 'ContactChannel',
  description: 'How the donor wants to be told about their orders.',
});

/** Channels that reach the donor through their phone number. */
export const PHONE_CHANNELS: ReadonlySet<ContactChannel> = new Set([ContactChannel.SMS, ContactChannel.WHATSAPP]);
