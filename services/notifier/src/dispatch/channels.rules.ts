import { NotificationChannel, type DispatchContact } from '@qurbani/events';

type External = Exclude<NotificationChannel, 'IN_APP'>;

/** When a channel fails for good, the next one to try: push → WhatsApp → SMS (e-mail stands alone). */
const FALLBACK: readonly External[] = [NotificationChannel.PUSH, NotificationChannel.WHATSAPP, NotificationChannel.SMS];

/** Whether the contact holds an address for the channel. */
function reachable(channel: External, contact: DispatchContact): boolean {
  switch (channel) {
    case NotificationChannel.SMS:
    case NotificationChannel.WHATSAPP:
      return !!contact.phone;
    case NotificationChannel.EMAIL:
      return !!contact.email;
    case NotificationChannel.PUSH:
      return (contact.pushDevices?.length ?? 0) > 0;
  }
}

/**
 * The channels to send on first: those the recipient chose that have an address (a family: SMS
 * only, whatever else is asked, since its PIN goes by SMS only). When none of the chosen phone
 * channels (push, WhatsApp, SMS) has an address, the first of them is replaced by its fallback, so
 * choosing push on a phone that never registered still reaches the person, once.
 */
export function firstChannels(
  chosen: readonly NotificationChannel[],
  contact: DispatchContact,
  family: boolean,
): External[] {
  if (family) return contact.phone ? [NotificationChannel.SMS] : [];
  const wanted = chosen.filter((c): c is External => c !== NotificationChannel.IN_APP);
  const out = wanted.filter((c) => reachable(c, contact));
  const unreached = wanted.find((c) => FALLBACK.includes(c) && !reachable(c, contact));
  if (unreached && !out.some((c) => FALLBACK.includes(c))) {
    const next = fallbackAfter(unreached, wanted, contact);
    if (next) out.push(next);
  }
  return out;
}

/** The channel after `failed` in push → WhatsApp → SMS that has an address and is not in `taken`; null when none. */
export function fallbackAfter(
  failed: NotificationChannel,
  taken: readonly NotificationChannel[],
  contact: DispatchContact,
): External | null {
  const from = FALLBACK.indexOf(failed as External);
  if (from < 0) return null;
  return FALLBACK.slice(from + 1).find((c) => !taken.includes(c) && reachable(c, contact)) ?? null;
}
