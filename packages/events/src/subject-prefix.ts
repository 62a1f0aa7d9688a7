/**
 * Subject on the wire. An optional prefix namespaces a whole environment (tests, a developer's
 * sandbox) on a shared NATS server, where two streams may not claim overlapping subjects.
 */
export function wireSubject(prefix: string | undefined, subject: string): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

/** Inverse of {@link wireSubject}. */
export function logicalSubject(prefix: string | undefined, subject: string): string {
  return prefix && subject.startsWith(`${prefix}.`) ? subject.slice(prefix.length + 1) : subject;
}
