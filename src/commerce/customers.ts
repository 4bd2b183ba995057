import type { Database } from "../db/index.js";
import { type DeliveryAddress, DomainError } from "../stores/index.js";

export type CustomerService = ReturnType<typeof createCustomers>;

/** What commerce knows of a shopper beyond carts and orders: the saved delivery address. */
export function createCustomers(db: Database) {
  return {
    /** The shopper's saved delivery address, or null when none was given. */
    async deliveryAddress(customerId: string): Promise<DeliveryAddress | null> {
      const rows = await db.query<{ delivery_address: DeliveryAddress | null }>(
        "SELECT delivery_address FROM customers WHERE id = $1",
        [customerId],
      );
      return rows[0]?.delivery_address ?? null;
    },

    /** Saves the address used for deliveries when none is given with a slot hold. */
    async setDeliveryAddress(customerId: string, address: DeliveryAddress | null): Promise<void> {
      const rows = await db.query(
        "UPDATE customers SET delivery_address = $2, postal_code = COALESCE($3, postal_code) WHERE id = $1 RETURNING id",
        [customerId, address ? JSON.stringify(address) : null, address?.postal_code ?? null],
      );
      if (rows.length === 0) throw new DomainError(404, "customer_not_found", "Unknown shopper");
    },
  };
}
