import type { DataSource } from 'typeorm';

// A crash between the door's first write and its commit, injected where production would meet it: the
// database refuses the round's next history row, after the rows written before it in the same
// transaction (a caucus note, an offer's table, the deadlines). Returns the cleanup.
export async function failEventsOf(
  ds: DataSource,
  negotiationId: string,
): Promise<() => Promise<void>> {
  const name = `fail_events_${negotiationId.replace(/-/g, '_')}`;
  await ds.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.negotiation_id = '${negotiationId}' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
         RETURN NEW;
       END $$`,
  );
  await ds.query(
    `CREATE TRIGGER ${name} BEFORE INSERT ON negotiation_event FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await ds.query(`DROP TRIGGER ${name} ON negotiation_event`);
    await ds.query(`DROP FUNCTION ${name}()`);
  };
}
