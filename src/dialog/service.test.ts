import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, demoHarness } from "../../test/scenarios/harness.js";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import type { Turn } from "./types.js";

describe.each(testDatabaseBackends())("dialog service on $name", (backend) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await backend.open();
    h = await demoHarness(db, new Date("2026-11-25T09:00:00Z"));
  }, 120_000);
  afterAll(() => disposeTestDatabase(db));

  const say = (conversationId: string, text: string, extra: Partial<Turn> = {}) =>
    h.dialog.handle({
      conversationId,
      storeId: "LYO-PARTDIEU",
      locale: "fr-FR",
      customerId: "cust-claire",
      text,
      ...extra,
    });
  const orders = async () =>
    Number(
      (
        await db.query<{ n: string }>("SELECT count(*) AS n FROM orders WHERE customer_id = 'cust-claire'")
      )[0]!.n,
    );

  it("replays the order of a node that died after ordering, when the platform resends the yes", async () => {
    await say("crash-1", "ajoute deux huiles d'olive Puget");
    await say("crash-1", "samedi vers 10 h");
    const recap = await say("crash-1", "je veux commander");
    expect(recap.awaiting).toBe("confirmation");
    // The node that took the "oui" placed the order, then died before saving the conversation:
    // the question is still open in the database.
    const record = await h.dialog.get("crash-1");
    const pendingId = record?.pending?.id as string;
    const cart = await h.commerce.carts.open({ storeCode: "LYO-PARTDIEU", customerId: "cust-claire" });
    const before = await orders();
    const placed = await h.commerce.checkout({
      cartId: cart.id,
      customerId: "cust-claire",
      idempotencyKey: `dialog:crash-1:${pendingId}`,
    });
    expect(await orders()).toBe(before + 1);
    const retried = await say("crash-1", "oui", { turnId: "retry-of-yes" });
    expect(retried.order).toEqual({ id: placed.order.id, status: "placed" });
    expect(await orders()).toBe(before + 1);
  });

  it("keeps what a conversation was told when the same shopper starts another one", async () => {
    await say("first-conv", "ajoute un poulet fermier Loué");
    const other = await say("second-conv", "qu'est-ce qu'il y a dans mon panier");
    // The cart is the shopper's, not the conversation's: the second conversation sees it.
    expect(other.text).toMatch(/Poulet/);
    // "annule" belongs to the conversation that made the change.
    expect((await say("second-conv", "annule")).text).toMatch(/rien à annuler/);
    expect((await say("first-conv", "annule")).text).toMatch(/C'est annulé/);
  });

  it("refuses a turn for an unknown store before creating anything", async () => {
    await expect(say("nowhere", "bonjour", { storeId: "NOPE" })).rejects.toMatchObject({
      code: "store_not_found",
    });
    expect(await h.dialog.get("nowhere")).toBeNull();
  });
});
