import { Subject, type DispatchContact, type EventPayloads } from '@qurbani/events';
import { newId, sealContact } from '@qurbani/kit';
import { dropDatabases, endPool, testRun, testStream } from '@qurbani/kit/testing';
import { startNotifier, type NotifierConfig, type RunningNotifier } from '../src/app.js';

type Dispatch = EventPayloads[typeof Subject.NotificationDispatch];

/** A notifier on a throw-away database and stream, and what the donor and delivery subgraphs would publish. */
export async function startHarness(providers: (run: ReturnType<typeof testRun>) => Partial<NotifierConfig>) {
  const run = testRun('notifier');
  const config: NotifierConfig = {
    ...run,
    sealKey: run.notifySealKey,
    retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 400 },
    concurrency: 4,
    leaseMs: 5000,
    pollMs: 100,
    smsSegmentBudget: 3,
    logger: {
      info: () => undefined,
      warn: (m, c) => process.env.DEBUG_NOTIFIER && console.warn(`[notifier] ${m}`, c ?? ''),
      error: (m, c) => console.error(`[notifier] ${m}`, c ?? ''),
    },
    ...providers(run),
  };
  let notifier: RunningNotifier | null = await startNotifier(config);
  const stream = await testStream(run);
  const { default: pg } = await import('pg');
  const db = new pg.Pool({ connectionString: `${run.baseUrl}/${run.dbName}`, max: 2 });

  return {
    run,
    config,
    stream,
    get notifier() {
      return notifier!;
    },
    rows: async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[],

    /** Publishes a `notification.dispatch` for one recipient, its contact sealed as the owner would. */
    async dispatch(
      d: Omit<Dispatch, 'sealed' | 'eventId' | 'recipient' | 'params'> & {
        contact: DispatchContact;
        eventId?: string;
        recipient?: Dispatch['recipient'];
        params?: Dispatch['params'];
      },
    ): Promise<Dispatch> {
      const { contact, ...rest } = d;
      const event: Dispatch = {
        eventId: newId(),
        recipient: { kind: 'ACCOUNT', id: newId() },
        params: {},
        ...rest,
        sealed: sealContact(run.notifySealKey, contact),
      };
      await stream.publish(Subject.NotificationDispatch, event);
      return event;
    },

    /** Every `notification.delivery-updated` published so far. */
    updates: (): Promise<EventPayloads[typeof Subject.NotificationDeliveryUpdated][]> =>
      stream.published(Subject.NotificationDeliveryUpdated),

    async restart() {
      await notifier?.close();
      notifier = await startNotifier(config);
    },

    async close() {
      await notifier?.close();
      notifier = null;
      await endPool(db);
      await stream.close();
      await dropDatabases(run.baseUrl, [run.dbName]);
    },
  };
}
