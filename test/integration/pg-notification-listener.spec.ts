import { randomBytes } from 'node:crypto';
import { PgNotificationListener } from '@isac/pg-notifications';
import pg from 'pg';
import { adminQuery, assertTestDatabase, dropDatabase, urlFor } from '../support/test-run.js';
import { watchTimers } from '../support/timer-watch.js';

/** The listener on its own: every channel it names, and a database that is not there at first. */
describe('PgNotificationListener', () => {
  // created by the test itself, after the listener's first attempt has failed against it
  const database = `isac_test_${process.env.ISAC_TEST_RUN}_${randomBytes(4).toString('hex')}_late`;
  const listener = (extra: Partial<ConstructorParameters<typeof PgNotificationListener>[0]> = {}) =>
    new PgNotificationListener({ connectionString: urlFor(database), applicationName: 'isac-hub:listener-test', channels: ['test_one', 'test_two'], reconnectMs: 200, ...extra });

  beforeAll(() => assertTestDatabase(database));
  afterAll(() => dropDatabase(database));

  async function until(what: string, check: () => boolean): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > 10_000) throw new Error(`gave up waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('fails its first attempt on a missing database, keeps trying, and once it listens says so and hears every channel', async () => {
    const heard: string[] = [];
    let reconnects = 0;
    const subject = listener()
      .onNotification((payload, channel) => heard.push(`${channel}:${payload}`))
      .onReconnect(() => reconnects++);
    try {
      await expect(subject.listen()).rejects.toThrow(/does not exist/);
      expect(subject.live).toBe(false);
      await adminQuery(`CREATE DATABASE "${database}"`);
      await until('the listener to hold', () => subject.live);
      expect(reconnects).toBe(1);
      const sender = new pg.Client({ connectionString: urlFor(database) });
      await sender.connect();
      await sender.query(`SELECT pg_notify('test_one', 'a'), pg_notify('test_two', 'b'), pg_notify('test_three', 'c')`);
      await sender.end();
      await until('both channels', () => heard.length === 2);
      expect(heard).toEqual(['test_one:a', 'test_two:b']);
    } finally {
      await subject.close();
    }
  });

  it('closed while its first attempts fail, leaves no timer behind', async () => {
    const timers = watchTimers(200); // the reconnect delay
    try {
      const subject = listener({ connectionString: urlFor(`${database}_never`) });
      await expect(subject.listen()).rejects.toThrow(/does not exist/);
      await subject.close();
      expect(await timers.pending()).toBe(0);
    } finally {
      timers.stop();
    }
  });
});
