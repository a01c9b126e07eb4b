// A uuid[] statement parameter in PostgreSQL's binary format. node-postgres sends a string
// parameter as text, which the server parses element by element (uuid_in, 36 characters each);
// it sends a Buffer as binary, which the server copies (array_recv with uuid_recv, 16 bytes each).
// For a list of thousands of ids bound on every page of a read (a sector's 5,000 organisations in
// a European network), the text form was most of the statement's bind time (issue 20's scale bench).

/** PostgreSQL's type oid of uuid (pg_type), which the binary array names as its element type. */
const UUID_OID = 2950;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const encoded = new WeakMap<readonly string[], Buffer>();

/**
 * `ids` as a one-dimensional uuid[] in array_send's format, for a statement that casts its
 * parameter to uuid[] (`$1::uuid[]`). A frozen list is encoded once and its Buffer reused (never
 * written to after); any other list is encoded on each call. Throws on a string that is not a uuid:
 * what the server's text input would have refused.
 */
export function uuidArrayParam(ids: readonly string[]): Buffer {
  const known = encoded.get(ids);
  if (known !== undefined) return known;
  const header = ids.length === 0 ? 12 : 20;
  const buffer = Buffer.alloc(header + ids.length * 20);
  buffer.writeInt32BE(ids.length === 0 ? 0 : 1, 0); // dimensions
  buffer.writeInt32BE(0, 4); // no nulls
  buffer.writeUInt32BE(UUID_OID, 8);
  if (ids.length > 0) {
    buffer.writeInt32BE(ids.length, 12);
    buffer.writeInt32BE(1, 16); // lower bound
  }
  let at = header;
  for (const id of ids) {
    if (!UUID.test(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
    buffer.writeInt32BE(16, at);
    buffer.write(id.replace(/-/g, ''), at + 4, 16, 'hex');
    at += 20;
  }
  if (Object.isFrozen(ids)) encoded.set(ids, buffer);
  return buffer;
}
