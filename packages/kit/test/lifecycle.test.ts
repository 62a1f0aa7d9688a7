import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lifecycle } from '../src/index.js';

/** A step that records its opening and closing in `log`. */
const step = (life: Lifecycle, log: string[], name: string) =>
  life.open(
    name,
    async () => {
      log.push(`open ${name}`);
      return name;
    },
    (value) => {
      log.push(`close ${value}`);
    },
  );

describe('a service opens its parts in order and closes them in reverse', () => {
  it('closes the last opened first, including parts registered on the way', async () => {
    const life = new Lifecycle();
    const log: string[] = [];
    await step(life, log, 'database');
    await step(life, log, 'bus');
    life.defer('client', () => {
      log.push('close client');
    });
    await step(life, log, 'http');
    await life.close();
    assert.deepEqual(log, [
      'open database',
      'open bus',
      'open http',
      'close http',
      'close client',
      'close bus',
      'close database',
    ]);
  });

  it('a failing step closes what was opened before it and throws its own error', async () => {
    const life = new Lifecycle();
    const log: string[] = [];
    await step(life, log, 'database');
    await step(life, log, 'bus');
    const refused = new Error('port in use');
    await assert.rejects(
      life.open(
        'http',
        async () => {
          throw refused;
        },
        () => {
          log.push('close http');
        },
      ),
      (error) => error === refused,
    );
    assert.deepEqual(log, ['open database', 'open bus', 'close bus', 'close database']);
  });

  it('a part that fails to close does not keep the others open, and the failure is reported', async () => {
    const life = new Lifecycle();
    const log: string[] = [];
    await step(life, log, 'database');
    life.defer('stuck', () => {
      throw new Error('stuck');
    });
    await step(life, log, 'http');
    const quiet = console.error;
    console.error = () => undefined;
    try {
      await assert.rejects(life.close(), /stuck/);
    } finally {
      console.error = quiet;
    }
    assert.deepEqual(log, ['open database', 'open http', 'close http', 'close database']);
  });

  it('closing twice (a signal during a stop) closes each part once', async () => {
    const life = new Lifecycle();
    const log: string[] = [];
    await step(life, log, 'database');
    await Promise.all([life.close(), life.close()]);
    await life.close();
    assert.deepEqual(log, ['open database', 'close database']);
  });
});
