/** PostgreSQL's type oid of `uuid` (pg_type), the element type written into a binary `uuid[]`. */
const UUID_OID = 2950;

/** Hexadecimal digit values by character code (-1: not a digit). */
const HEX = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit += 1) {
  HEX['0123456789abcdef'.charCodeAt(digit)] = digit;
  HEX['0123456789ABCDEF'.charCodeAt(digit)] = digit;
}
const DASH = 45;

/** The value of hexadecimal digit `code` (a UTF-16 code unit), or -1. */
const hexDigit = (code: number): number => (code < 128 ? HEX[code]! : -1);

/** Writes the 16 bytes of `id` (canonical text form, either case) at `offset`; throws if it is not one. */
function writeUuid(id: string, buffer: Buffer, offset: number): void {
  if (id.length !== 36) throw new TypeError(`not a UUID: ${JSON.stringify(id)}`);
  let out = offset;
  for (let i = 0; i < 36;) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (id.charCodeAt(i) !== DASH) throw new TypeError(`not a UUID: ${JSON.stringify(id)}`);
      i += 1;
      continue;
    }
    const high = hexDigit(id.charCodeAt(i));
    const low = hexDigit(id.charCodeAt(i + 1));
    if (high < 0 || low < 0) throw new TypeError(`not a UUID: ${JSON.stringify(id)}`);
    buffer[out] = (high << 4) | low;
    out += 1;
    i += 2;
  }
}

/**
 * `ids` as a `uuid[]` in PostgreSQL's binary wire format (what `array_send` writes and
 * `array_recv` reads): dimensions, no-nulls flag, element type, then each element as its
 * length (16) and its 16 bytes. `pg` sends a Buffer parameter in binary, so the server copies
 * the bytes instead of parsing a text literal: a log entry names about a hundred records, and
 * `array_in` parsing their text took ~125 µs of database CPU per entry (measured: a batch of
 * 16 S1 entries inserted in 6.7 → 4.7 ms with this and a prepared INSERT).
 *
 * Throws on anything that is not a UUID in its canonical text form: the text path would have
 * been refused by the database, and binary must not turn a bad id into someone else's.
 */
export function uuidArrayBinary(ids: readonly string[]): Buffer {
  if (ids.length === 0) {
    // A zero-dimensional array: PostgreSQL's empty array.
    const empty = Buffer.alloc(12);
    empty.writeInt32BE(UUID_OID, 8);
    return empty;
  }
  const buffer = Buffer.allocUnsafe(20 + ids.length * 20);
  buffer.writeInt32BE(1, 0); // dimensions
  buffer.writeInt32BE(0, 4); // no nulls
  buffer.writeInt32BE(UUID_OID, 8);
  buffer.writeInt32BE(ids.length, 12);
  buffer.writeInt32BE(1, 16); // lower bound
  let offset = 20;
  for (const id of ids) {
    buffer.writeInt32BE(16, offset);
    writeUuid(id, buffer, offset + 4);
    offset += 20;
  }
  return buffer;
}
