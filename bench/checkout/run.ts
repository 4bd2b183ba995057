// Checkouts per second on PostgreSQL, against the same number of bare single-row inserts measured
// in the same run on the same server (the baseline). Each checkout is a whole transaction: the
// idempotency key, the cart lock, pricing of 3 lines, the held slot re-checked under its row lock,
// stock taken per line, the order and its lines written.
//
//   npx tsx bench/checkout/run.ts [--n 300] [--concurrency 8]
//
// DATABASE_URL (or PANIER_TEST_DATABASE_URL) picks the server; default postgres://postgres@127.0.0.1:5432/test.
// Works in a fresh schema that it drops at the end.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createCommerce } from "../../src/commerce/index.js";
import { P, seedCommerce } from "../../src/commerce/test-fixtures.js";
import { openDatabase } from "../../src/db/index.js";

const { values } = parseArgs({
  options: { n: { type: "string", default: "300" }, concurrency: { type: "string", default: "8" } },
});
const N = Number(values.n);
const CONCURRENCY = Number(values.concurrency);
const url =
  process.env.DATABASE_URL ||
  process.env.PANIER_TEST_DATABASE_URL ||
  "postgres://postgres@127.0.0.1:5432/test";
const schemaName = `bench_checkout_${randomBytes(3).toString("hex")}`;

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const db = await openDatabase({ url, schemaName, maxConnections: CONCURRENCY + 2 });
  try {
    await seedCommerce(db);
    await db.query("UPDATE offers SET stock = 1000000");
    const commerce = createCommerce(db);
    const store = "LYO-PARTDIEU";
    const slots = (await commerce.slots.list(store, "pickup")).concat(
      await commerce.slots.list(store, "delivery"),
    );
    const places = slots.flatMap((s) => Array.from({ length: s.capacity }, () => s));
    if (places.length < N) throw new Error(`Only ${places.length} slot places over 14 days; lower --n`);

    process.stdout.write(`setting up ${N} shoppers with a 3-line cart and a held slot... `);
    const jobs: { cartId: string; customerId: string }[] = [];
    for (let i = 0; i < N; i++) {
      const customerId = `bench-${i}`;
      await db.query("INSERT INTO customers (id, name, email) VALUES ($1, $1, $1 || '@example.org')", [
        customerId,
      ]);
      const cart = await commerce.carts.open({ storeCode: store, customerId });
      await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
      await commerce.carts.add(cart.id, { productId: P.water, quantity: 3 });
      await commerce.carts.add(cart.id, { productId: P.tomatoes, weightG: 1200 });
      const slot = places[i]!;
      await commerce.slots.hold({
        cartId: cart.id,
        storeCode: store,
        slotId: slot.id,
        address:
          slot.mode === "delivery" ? { street: "1 rue Garibaldi", postal_code: "69003", city: "Lyon" } : null,
      });
      jobs.push({ cartId: cart.id, customerId });
    }
    console.log("done");

    await db.query(
      "CREATE TABLE bench_rows (id text PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL)",
    );
    const baseline = await pool(
      Array.from({ length: N }, (_, i) => i),
      CONCURRENCY,
      (i) =>
        db.query("INSERT INTO bench_rows (id, payload, created_at) VALUES ($1, $2, now())", [
          `row-${i}`,
          JSON.stringify({ i }),
        ]),
    );
    const checkout = await pool(jobs, CONCURRENCY, (j) =>
      commerce.checkout({ cartId: j.cartId, customerId: j.customerId, idempotencyKey: `bench-${j.cartId}` }),
    );
    const [orders] = await db.query<{ n: string }>("SELECT count(*) AS n FROM orders");
    if (Number(orders!.n) !== N) throw new Error(`expected ${N} orders, found ${orders!.n}`);

    const insertRate = N / baseline;
    const checkoutRate = N / checkout;
    console.log(`PostgreSQL, ${N} operations, concurrency ${CONCURRENCY}`);
    console.log(
      `  bare single-row inserts: ${insertRate.toFixed(0)}/s (${((baseline / N) * 1000).toFixed(2)} ms each)`,
    );
    console.log(
      `  checkouts:               ${checkoutRate.toFixed(1)}/s (${((checkout / N) * 1000).toFixed(2)} ms each)`,
    );
    console.log(`  ratio: one checkout costs ${(insertRate / checkoutRate).toFixed(1)} bare inserts`);
  } finally {
    await db.query(`DROP SCHEMA ${schemaName} CASCADE`).catch(() => {});
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
