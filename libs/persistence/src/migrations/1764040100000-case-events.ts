import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live case pages (issue 17): every write that changes what a case page shows — a report filed,
 * feedback, a clock coming due, closing and reopening (timeline rows), a message, a link made or
 * given another reason — announces the case ids on the `isac_case_events` channel, at commit, to
 * every API replica. The payload names ids only; who hears of it is decided by the TLP policy on
 * the listening side (libs/events). Cases change a few times a day: one notification per row.
 */
export class CaseEvents1764040100000 implements MigrationInterface {
  name = 'CaseEvents1764040100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION isac_notify_case_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'incident_case_links' THEN
          PERFORM pg_notify('isac_case_events', json_build_object('change', 'link', 'cases', json_build_array(NEW.case_a_id, NEW.case_b_id))::text);
        ELSIF TG_TABLE_NAME = 'incident_messages' THEN
          PERFORM pg_notify('isac_case_events', json_build_object('change', 'message', 'cases', json_build_array(NEW.case_id), 'message', NEW.id)::text);
        ELSE
          PERFORM pg_notify('isac_case_events', json_build_object('change', NEW.kind, 'cases', json_build_array(NEW.case_id))::text);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER incident_timeline_notify AFTER INSERT ON incident_timeline FOR EACH ROW EXECUTE FUNCTION isac_notify_case_events()`);
    await db.query(`CREATE TRIGGER incident_messages_notify AFTER INSERT ON incident_messages FOR EACH ROW EXECUTE FUNCTION isac_notify_case_events()`);
    await db.query(`CREATE TRIGGER incident_case_links_inserted_notify AFTER INSERT ON incident_case_links FOR EACH ROW EXECUTE FUNCTION isac_notify_case_events()`);
    // linking again by a reason already recorded writes the row but changes nothing: no event then
    await db.query(`CREATE TRIGGER incident_case_links_updated_notify AFTER UPDATE ON incident_case_links FOR EACH ROW WHEN (OLD.reasons IS DISTINCT FROM NEW.reasons) EXECUTE FUNCTION isac_notify_case_events()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER incident_case_links_updated_notify ON incident_case_links`);
    await db.query(`DROP TRIGGER incident_case_links_inserted_notify ON incident_case_links`);
    await db.query(`DROP TRIGGER incident_messages_notify ON incident_messages`);
    await db.query(`DROP TRIGGER incident_timeline_notify ON incident_timeline`);
    await db.query(`DROP FUNCTION isac_notify_case_events()`);
  }
}
