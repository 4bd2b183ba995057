import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../../src/db/index.js";
import { type Reply, ssmlProblems, type Turn } from "../../src/dialog/index.js";
import { type Harness, demoHarness } from "./harness.js";

/**
 * One runner for every conversation in test/scenarios/data/*.json: each file is a list of
 * scenarios, each a list of turns with what the reply and the cart, slot and orders must show
 * afterwards. Every reply's SSML is also parsed and checked against the shared tag set.
 */

interface LineExpect {
  gtin?: string;
  name?: string;
  quantity?: number;
  weight_g?: number;
}

interface Expect {
  intent?: string;
  /** null: nothing awaited. */
  awaiting?: string | null;
  text?: string;
  notText?: string;
  options?: number;
  cart?: { has?: LineExpect[]; lacks?: LineExpect[]; lines?: number };
  /** Orders placed since the scenario started (in the database). */
  ordersPlaced?: number;
  order?: string | null;
  end?: boolean;
  /** The reply is the very same as the previous turn's (a retried turn id). */
  samePrevious?: boolean;
}

interface Step {
  say?: string;
  event?: Turn["event"];
  turnId?: string;
  /** Resend the previous turn as is (same turn id): the platform retried. */
  repeat?: boolean;
  /** Move the clock before this turn. */
  advanceMinutes?: number;
  alternatives?: string[];
  expect: Expect;
}

interface Scenario {
  name: string;
  locale: string;
  store: string;
  customer?: string;
  now?: string;
  voicePin?: string;
  turns: Step[];
}

const DATA = fileURLToPath(new URL("./data/", import.meta.url));
const files = readdirSync(DATA)
  .filter((f) => f.endsWith(".json"))
  .sort();
const scenarios: [string, Scenario][] = files.flatMap((f) =>
  (JSON.parse(readFileSync(DATA + f, "utf8")) as Scenario[]).map((s): [string, Scenario] => [
    `${f}: ${s.name}`,
    s,
  ]),
);

function matchLine(line: Reply["cart"]["lines"][number], e: LineExpect): boolean {
  if (e.gtin && line.gtin !== e.gtin) return false;
  if (e.name && !new RegExp(e.name, "i").test(line.name)) return false;
  if (e.quantity !== undefined && line.quantity !== e.quantity) return false;
  if (e.weight_g !== undefined && line.weight_g !== e.weight_g) return false;
  return true;
}

describe.each(testDatabaseBackends())("conversation scenarios on $name", (backend) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await backend.open();
    h = await demoHarness(db, new Date("2026-11-25T09:00:00Z"));
  }, 120_000);
  afterAll(() => disposeTestDatabase(db));

  async function ordersOf(customer: string | undefined): Promise<number> {
    if (!customer) return 0;
    const [row] = await db.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM orders WHERE customer_id = $1",
      [customer],
    );
    return Number(row?.n ?? 0);
  }

  async function reset(s: Scenario): Promise<void> {
    h.clock.now = new Date(s.now ?? "2026-11-25T09:00:00Z");
    if (!s.customer) return;
    const cart = await h.commerce.carts.open({ storeCode: s.store, customerId: s.customer });
    await h.commerce.slots.release(cart.id);
    await h.commerce.carts.clear(cart.id);
    await h.dialog.pins.remove(s.customer);
    // Orders left open by earlier scenarios would answer "annule ma commande" instead.
    for (const order of await h.commerce.orders.list(s.customer, 50)) {
      if (order.status === "placed")
        await h.commerce.orders.cancel(order.id, { kind: "store" }, "test reset");
    }
    if (s.voicePin) await h.dialog.pins.set(s.customer, s.voicePin);
  }

  it.each(scenarios)(
    "%s",
    async (_label, s) => {
      await reset(s);
      const conversationId = `${_label.replace(/[^a-z0-9]+/gi, "-")}-${backend.name}-${Date.now()}`;
      const ordersBefore = await ordersOf(s.customer);
      let previous: { turn: Turn; reply: Reply } | undefined;
      for (const [i, step] of s.turns.entries()) {
        if (step.advanceMinutes) h.clock.now = new Date(h.clock.now.getTime() + step.advanceMinutes * 60_000);
        const turn: Turn =
          step.repeat && previous
            ? previous.turn
            : {
                conversationId,
                storeId: s.store,
                locale: s.locale,
                text: step.say ?? "",
                ...(s.customer ? { customerId: s.customer } : {}),
                ...(step.turnId ? { turnId: step.turnId } : {}),
                ...(step.event ? { event: step.event } : {}),
                ...(step.alternatives ? { alternatives: step.alternatives } : {}),
              };
        const reply = await h.dialog.handle(turn);
        const where = `turn ${i + 1} "${turn.text}" -> "${reply.text}"`;
        const e = step.expect;
        expect(reply.text.length, where).toBeGreaterThan(0);
        expect(ssmlProblems(reply.ssml), where).toEqual([]);
        expect(reply.cart.total_cents, where).toBeGreaterThanOrEqual(0);
        if (e.intent) expect(reply.intent, where).toBe(e.intent);
        if (e.awaiting !== undefined) expect(reply.awaiting ?? null, where).toBe(e.awaiting);
        if (e.text) expect(reply.text, where).toMatch(new RegExp(e.text, "i"));
        if (e.notText) expect(reply.text, where).not.toMatch(new RegExp(e.notText, "i"));
        if (e.options !== undefined) expect(reply.options?.length ?? 0, where).toBe(e.options);
        if (e.cart?.lines !== undefined) expect(reply.cart.lines.length, where).toBe(e.cart.lines);
        for (const want of e.cart?.has ?? []) {
          expect(
            reply.cart.lines.some((l) => matchLine(l, want)),
            `${where}: cart has ${JSON.stringify(want)} in ${JSON.stringify(reply.cart.lines)}`,
          ).toBe(true);
        }
        for (const unwanted of e.cart?.lacks ?? []) {
          expect(
            reply.cart.lines.some((l) => matchLine(l, unwanted)),
            `${where}: cart lacks ${JSON.stringify(unwanted)}`,
          ).toBe(false);
        }
        if (e.order !== undefined) expect(reply.order?.status ?? null, where).toBe(e.order);
        if (e.end !== undefined) expect(reply.endConversation ?? false, where).toBe(e.end);
        if (e.ordersPlaced !== undefined)
          expect((await ordersOf(s.customer)) - ordersBefore, where).toBe(e.ordersPlaced);
        if (e.samePrevious) expect(reply, where).toEqual(previous?.reply);
        previous = { turn, reply };
      }
    },
    60_000,
  );
});
