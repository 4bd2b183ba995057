import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { Database } from "../db/index.js";

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

/**
 * The optional voice PIN a shopper sets to confirm orders placed by voice (anyone in the room
 * can talk to a speaker). Stored as a salted scrypt hash, never in clear.
 */
export function createPins(db: Database) {
  return {
    async set(customerId: string, pin: string): Promise<void> {
      if (!/^\d{4,8}$/.test(pin)) throw new RangeError("A voice PIN is 4 to 8 digits");
      const salt = randomBytes(16);
      const hash = await scrypt(pin, salt, 32);
      await db.query(
        `INSERT INTO voice_pins (customer_id, pin_hash) VALUES ($1, $2)
         ON CONFLICT (customer_id) DO UPDATE SET pin_hash = EXCLUDED.pin_hash, updated_at = now()`,
        [customerId, `${salt.toString("hex")}:${hash.toString("hex")}`],
      );
    },
    async remove(customerId: string): Promise<void> {
      await db.query("DELETE FROM voice_pins WHERE customer_id = $1", [customerId]);
    },
    async has(customerId: string): Promise<boolean> {
      return (await db.query("SELECT 1 FROM voice_pins WHERE customer_id = $1", [customerId])).length > 0;
    },
    async verify(customerId: string, pin: string): Promise<boolean> {
      const rows = await db.query<{ pin_hash: string }>(
        "SELECT pin_hash FROM voice_pins WHERE customer_id = $1",
        [customerId],
      );
      const stored = rows[0]?.pin_hash;
      if (!stored) return false;
      const [saltHex, hashHex] = stored.split(":");
      const expected = Buffer.from(hashHex ?? "", "hex");
      const actual = await scrypt(pin, Buffer.from(saltHex ?? "", "hex"), expected.length);
      return expected.length > 0 && timingSafeEqual(expected, actual);
    },
  };
}
