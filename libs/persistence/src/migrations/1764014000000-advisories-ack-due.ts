import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The escalation step (every RECONCILE_AFTER_MS / 4) asks for alerts requiring an acknowledgement
 * whose deadline has passed and which have not expired. Without an index it read every advisory
 * and, through them, the entries of every alert ever issued; this partial index holds the alerts
 * requiring an acknowledgement only, by expiry, so a run reads the live ones and their entries.
 */
export class AdvisoriesAckDue1764014000000 implements MigrationInterface {
  name = 'AdvisoriesAckDue1764014000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX "advisories_ack_due" ON "advisories" ("expires_at", "ack_deadline") WHERE requires_ack`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "advisories_ack_due"`);
  }
}
