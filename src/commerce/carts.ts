import { randomUUID } from "node:crypto";
import type { Database } from "../db/index.js";
import {
  DomainError,
  type Exec,
  type FulfilmentMode,
  type SlotService,
  type StoreRules,
} from "../stores/index.js";
import { priceLine, totals } from "./pricing.js";
import { amountFor, checkLimit, checkSellable } from "./cart-checks.js";
import type { Amount, Cart, CartLine, Substitution } from "./cart-types.js";
import {
  type ProductRow,
  PRODUCT_SELECT,
  type StoreProduct,
  loadStoreProduct,
  stockInLineUnits,
  storeProductFromRow,
} from "./products.js";
import type { VatRules } from "./vat.js";

export type { Amount, Cart, CartLine, Substitution } from "./cart-types.js";

interface CartRow {
  id: string;
  store_code: string;
  customer_id: string | null;
  conversation_id: string | null;
  status: Cart["status"];
}

interface LineRow extends ProductRow {
  quantity: number | null;
  weight_g: number | null;
  substitution: Substitution["kind"];
  substitute_product_id: string | null;
}

export interface CartDeps {
  db: Database;
  slots: SlotService;
  vat: VatRules;
  now: () => Date;
}

export type CartService = ReturnType<typeof createCarts>;

export function createCarts({ db, slots, vat, now }: CartDeps) {
  const query: Exec = (text, params) => db.query(text, params);

  async function cartRow(exec: Exec, id: string, lock = false): Promise<CartRow | null> {
    const rows = await exec<CartRow>(
      `SELECT id, store_code, customer_id, conversation_id, status FROM carts WHERE id = $1${lock ? " FOR UPDATE" : ""}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async function view(exec: Exec, row: CartRow, at: Date, mode?: FulfilmentMode | null): Promise<Cart> {
    const rules = await slots.rules(row.store_code, exec);
    const lineRows = await exec<LineRow>(
      `SELECT ${PRODUCT_SELECT}, l.quantity, l.weight_g, l.substitution, l.substitute_product_id
       FROM cart_lines l JOIN products p ON p.id = l.product_id
       LEFT JOIN offers o ON o.product_id = p.id AND o.store_code = $2
       WHERE l.cart_id = $1 ORDER BY l.position`,
      [row.id, row.store_code],
    );
    const hold = row.status === "open" ? await slots.activeHold(row.id, exec, at) : null;
    const chosen = mode ?? hold?.slot.mode ?? null;
    const lines = lineRows.map((r) => cartLine(r, rules, at));
    const fees = chosen ? (rules.modes[chosen] ?? null) : null;
    return {
      id: row.id,
      storeCode: row.store_code,
      customerId: row.customer_id,
      conversationId: row.conversation_id,
      status: row.status,
      lines,
      mode: chosen,
      hold,
      totals: totals(lines, fees, vat),
    };
  }

  function cartLine(r: LineRow, rules: StoreRules, at: Date): CartLine {
    const p = storeProductFromRow(r);
    const priced = priceLine(
      p,
      {
        priceFactor: rules.priceFactor,
        offerPriceCents: p.offer?.priceCents ?? null,
        promotion: p.offer?.promotion ?? null,
      },
      { quantity: r.quantity, weightG: r.weight_g },
      at,
      vat,
    );
    const substitution: Substitution =
      r.substitution === "alternative" && r.substitute_product_id
        ? { kind: "alternative", productId: r.substitute_product_id }
        : r.substitution === "refuse"
          ? { kind: "refuse" }
          : { kind: "allow" };
    return { ...priced, substitution, stock: stockInLineUnits(p) };
  }

  async function openCart(exec: Exec, id: string): Promise<CartRow> {
    const row = await cartRow(exec, id, true);
    if (!row) throw new DomainError(404, "cart_not_found", "This cart was not found");
    if (row.status !== "open") {
      throw new DomainError(409, "cart_closed", "This cart was already ordered; a new one is open for you");
    }
    return row;
  }

  async function writeLine(exec: Exec, cartId: string, product: StoreProduct, amount: number): Promise<void> {
    const byWeight = product.soldBy === "weight";
    await exec(
      `INSERT INTO cart_lines (cart_id, product_id, quantity, weight_g) VALUES ($1, $2, $3, $4)
       ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, weight_g = EXCLUDED.weight_g`,
      [cartId, product.id, byWeight ? null : amount, byWeight ? amount : null],
    );
    await touch(exec, cartId);
  }

  async function touch(exec: Exec, cartId: string): Promise<void> {
    await exec("UPDATE carts SET updated_at = $2 WHERE id = $1", [cartId, now().toISOString()]);
  }

  async function currentAmount(exec: Exec, cartId: string, productId: string): Promise<number> {
    const rows = await exec<{ quantity: number | null; weight_g: number | null }>(
      "SELECT quantity, weight_g FROM cart_lines WHERE cart_id = $1 AND product_id = $2",
      [cartId, productId],
    );
    return rows[0] ? (rows[0].quantity ?? rows[0].weight_g ?? 0) : 0;
  }

  /** Runs a change on a locked open cart and returns the cart as it is afterwards. */
  async function change(
    cartId: string,
    fn: (exec: Exec, row: CartRow, rules: StoreRules) => Promise<void>,
  ): Promise<Cart> {
    const at = now();
    return db.rawTransaction(async (exec) => {
      const row = await openCart(exec, cartId);
      const rules = await slots.rules(row.store_code, exec);
      await fn(exec, row, rules);
      return view(exec, row, at);
    });
  }

  async function ensureStore(exec: Exec, storeCode: string): Promise<void> {
    await slots.rules(storeCode, exec);
  }

  async function ensureCustomer(exec: Exec, customerId: string): Promise<void> {
    const rows = await exec("SELECT 1 FROM customers WHERE id = $1", [customerId]);
    if (rows.length === 0) throw new DomainError(404, "customer_not_found", "Unknown shopper");
  }

  async function findOpen(
    exec: Exec,
    storeCode: string,
    by: { customerId: string } | { conversationId: string },
  ): Promise<CartRow | null> {
    const rows =
      "customerId" in by
        ? await exec<CartRow>(
            `SELECT id, store_code, customer_id, conversation_id, status FROM carts
             WHERE customer_id = $1 AND store_code = $2 AND status = 'open'`,
            [by.customerId, storeCode],
          )
        : await exec<CartRow>(
            `SELECT id, store_code, customer_id, conversation_id, status FROM carts
             WHERE conversation_id = $1 AND store_code = $2 AND status = 'open' AND customer_id IS NULL`,
            [by.conversationId, storeCode],
          );
    return rows[0] ?? null;
  }

  async function openFor(
    exec: Exec,
    storeCode: string,
    by: { customerId: string } | { conversationId: string },
  ): Promise<CartRow> {
    const existing = await findOpen(exec, storeCode, by);
    if (existing) return existing;
    const at = now().toISOString();
    const conflict =
      "customerId" in by
        ? "(customer_id, store_code) WHERE status = 'open' AND customer_id IS NOT NULL"
        : "(conversation_id, store_code) WHERE status = 'open' AND customer_id IS NULL AND conversation_id IS NOT NULL";
    await exec(
      `INSERT INTO carts (id, store_code, customer_id, conversation_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $5) ON CONFLICT ${conflict} DO NOTHING`,
      [
        `cart_${randomUUID()}`,
        storeCode,
        "customerId" in by ? by.customerId : null,
        "conversationId" in by ? by.conversationId : null,
        at,
      ],
    );
    const row = await findOpen(exec, storeCode, by);
    if (!row) throw new Error("cart vanished right after it was opened");
    return row;
  }

  /** Folds an anonymous conversation cart into the shopper's cart (amounts add up to the limit). */
  async function merge(exec: Exec, from: CartRow, into: CartRow, rules: StoreRules): Promise<void> {
    const lines = await exec<{
      product_id: string;
      quantity: number | null;
      weight_g: number | null;
      substitution: string;
      substitute_product_id: string | null;
    }>(
      "SELECT product_id, quantity, weight_g, substitution, substitute_product_id FROM cart_lines WHERE cart_id = $1",
      [from.id],
    );
    for (const l of lines) {
      await exec(
        `INSERT INTO cart_lines (cart_id, product_id, quantity, weight_g, substitution, substitute_product_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (cart_id, product_id) DO UPDATE SET
           quantity = CASE WHEN cart_lines.quantity IS NULL THEN NULL
                           ELSE LEAST(cart_lines.quantity + EXCLUDED.quantity, $7) END,
           weight_g = CASE WHEN cart_lines.weight_g IS NULL THEN NULL
                           ELSE LEAST(cart_lines.weight_g + EXCLUDED.weight_g, $8) END`,
        [
          into.id,
          l.product_id,
          l.quantity,
          l.weight_g,
          l.substitution,
          l.substitute_product_id,
          rules.maxUnitsPerLine,
          rules.maxWeightGPerLine,
        ],
      );
    }
    await exec("UPDATE carts SET status = 'merged', customer_id = NULL, updated_at = $2 WHERE id = $1", [
      from.id,
      now().toISOString(),
    ]);
  }

  return {
    /**
     * The open cart for a shopper (one per store) or, without a shopper, for a conversation.
     * With both, the conversation's anonymous cart is folded into the shopper's: the cart
     * attaches to the shopper once known.
     */
    async open(input: {
      storeCode: string;
      customerId?: string | null;
      conversationId?: string | null;
    }): Promise<Cart> {
      const at = now();
      return db.rawTransaction(async (exec) => {
        await ensureStore(exec, input.storeCode);
        if (input.customerId) {
          await ensureCustomer(exec, input.customerId);
          const cart = await openFor(exec, input.storeCode, { customerId: input.customerId });
          if (input.conversationId) {
            const anon = await findOpen(exec, input.storeCode, { conversationId: input.conversationId });
            if (anon) {
              await cartRow(exec, anon.id, true);
              await merge(exec, anon, cart, await slots.rules(input.storeCode, exec));
            }
          }
          return view(exec, cart, at);
        }
        if (!input.conversationId) {
          throw new DomainError(422, "cart_owner_required", "A cart belongs to a shopper or a conversation");
        }
        return view(exec, await openFor(exec, input.storeCode, { conversationId: input.conversationId }), at);
      });
    },

    /** A cart by id, or null. */
    async get(cartId: string, options: { mode?: FulfilmentMode } = {}): Promise<Cart | null> {
      const row = await cartRow(query, cartId);
      return row ? view(query, row, now(), options.mode ?? null) : null;
    },

    /** A cart the shopper owns; anyone else's cart is "not found" (never "forbidden"). */
    async getOwned(
      cartId: string,
      customerId: string,
      options: { mode?: FulfilmentMode } = {},
    ): Promise<Cart> {
      const row = await cartRow(query, cartId);
      if (!row || row.customer_id !== customerId) {
        throw new DomainError(404, "cart_not_found", "This cart was not found");
      }
      return view(query, row, now(), options.mode ?? null);
    },

    /** Adds to a line (creating it): units, or grams for products sold by weight. */
    add(
      cartId: string,
      input: { productId: string } & Amount & { substitution?: Substitution },
    ): Promise<Cart> {
      return change(cartId, async (exec, row, rules) => {
        const product = await loadStoreProduct(exec, row.store_code, input.productId);
        if (!product) throw new DomainError(404, "unknown_product", `No product with id ${input.productId}`);
        const amount = amountFor(product, input);
        const total = (await currentAmount(exec, cartId, product.id)) + amount;
        checkLimit(product, total, rules);
        await checkSellable(exec, rules, product, input.productId, total);
        await writeLine(exec, cartId, product, total);
        if (input.substitution) await setSubstitution(exec, row, product.id, input.substitution);
      });
    },

    /** Sets a line's amount; 0 removes the line. */
    set(cartId: string, input: { productId: string } & Amount): Promise<Cart> {
      return change(cartId, async (exec, row, rules) => {
        const product = await loadStoreProduct(exec, row.store_code, input.productId);
        if (!product) throw new DomainError(404, "unknown_product", `No product with id ${input.productId}`);
        if ((input.quantity ?? input.weightG) === 0) {
          await exec("DELETE FROM cart_lines WHERE cart_id = $1 AND product_id = $2", [cartId, product.id]);
          return touch(exec, cartId);
        }
        const amount = amountFor(product, input);
        checkLimit(product, amount, rules);
        await checkSellable(exec, rules, product, input.productId, amount);
        await writeLine(exec, cartId, product, amount);
      });
    },

    /** Removes a line, or only some of it when an amount is given. */
    remove(cartId: string, input: { productId: string } & Amount): Promise<Cart> {
      return change(cartId, async (exec) => {
        const current = await exec<{ quantity: number | null; weight_g: number | null }>(
          "SELECT quantity, weight_g FROM cart_lines WHERE cart_id = $1 AND product_id = $2",
          [cartId, input.productId],
        );
        const line = current[0];
        if (!line) throw new DomainError(404, "line_not_found", "This product is not in the cart");
        const less = line.quantity !== null ? input.quantity : input.weightG;
        const left = less === undefined ? 0 : (line.quantity ?? line.weight_g ?? 0) - less;
        if (left <= 0) {
          await exec("DELETE FROM cart_lines WHERE cart_id = $1 AND product_id = $2", [
            cartId,
            input.productId,
          ]);
        } else {
          await exec(
            `UPDATE cart_lines SET ${line.quantity !== null ? "quantity" : "weight_g"} = $3 WHERE cart_id = $1 AND product_id = $2`,
            [cartId, input.productId, left],
          );
        }
        await touch(exec, cartId);
      });
    },

    clear(cartId: string): Promise<Cart> {
      return change(cartId, async (exec) => {
        await exec("DELETE FROM cart_lines WHERE cart_id = $1", [cartId]);
        await touch(exec, cartId);
      });
    },

    /** What the store may do when the product is missing: substitute, refuse, or a named one. */
    substitution(cartId: string, productId: string, preference: Substitution): Promise<Cart> {
      return change(cartId, (exec, row) => setSubstitution(exec, row, productId, preference));
    },

    /** Internal to commerce: reads a cart inside another transaction (checkout). */
    viewInTransaction: (exec: Exec, cartId: string, at: Date, lock: boolean) =>
      cartRow(exec, cartId, lock).then((row) => (row ? view(exec, row, at) : null)),
  };

  async function setSubstitution(
    exec: Exec,
    row: CartRow,
    productId: string,
    pref: Substitution,
  ): Promise<void> {
    if (pref.kind === "alternative") {
      const alt = await loadStoreProduct(exec, row.store_code, pref.productId);
      if (!alt?.offer || !alt.active) {
        throw new DomainError(422, "not_sold_here", "The named alternative is not sold in this store");
      }
      if (alt.id === productId) {
        throw new DomainError(422, "invalid_substitution", "A product cannot replace itself");
      }
    }
    const updated = await exec(
      `UPDATE cart_lines SET substitution = $3, substitute_product_id = $4
       WHERE cart_id = $1 AND product_id = $2 RETURNING product_id`,
      [row.id, productId, pref.kind, pref.kind === "alternative" ? pref.productId : null],
    );
    if (updated.length === 0) throw new DomainError(404, "line_not_found", "This product is not in the cart");
  }
}
