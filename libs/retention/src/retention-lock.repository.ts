import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// the two-key form of PostgreSQL's advisory locks: a space of our own ('RETE'), then the lock in it
const LOCK_SPACE = 0x52455445;
const RUN_LOCK = 1;

/**
 * One retention run at a time across every worker: a session-level advisory lock, held on a
 * connection of its own for the whole run (its steps commit separately, on other connections). A
 * run that finds it taken does nothing; a worker that dies mid-run loses its connection, and so the lock.
 */
@Injectable()
export class RetentionLockRepository {
  constructor(private readonly dataSource: DataSource) {}

  async whileHeld<T>(work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    const connection = this.dataSource.createQueryRunner();
    await connection.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await connection.query(`SELECT pg_try_advisory_lock($1, $2) AS locked`, [LOCK_SPACE, RUN_LOCK]);
      if (!locked) return { ran: false };
      try {
        return { ran: true, result: await work() };
      } finally {
        await connection.query(`SELECT pg_advisory_unlock($1, $2)`, [LOCK_SPACE, RUN_LOCK]);
      }
    } finally {
      await connection.release();
    }
  }
}
