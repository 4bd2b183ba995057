import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { ConversationBusyError, createConversationStore } from "./store.js";
import type { Reply, Turn } from "./types.js";

const reply = (text: string): Reply => ({
  intent: "other",
  text,
  ssml: `<speak>${text}</speak>`,
  suggestions: [],
  cart: { lines: [], total_cents: 0 },
});
const turn = (text: string, turnId?: string): Turn => ({
  conversationId: "c1",
  storeId: "S1",
  locale: "fr-FR",
  text,
  ...(turnId ? { turnId } : {}),
});
const init = {
  owner: { kind: "key" as const, keyId: "k1" },
  customerId: null,
  storeCode: "S1",
  locale: "fr-FR",
};

describe.each(testDatabaseBackends())("conversation store on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await db.query(
      `INSERT INTO stores (code, name, timezone, address, fulfillment) VALUES ('S1', 'Test', 'Europe/Paris', '{}', '{}')`,
    );
  });
  afterAll(() => disposeTestDatabase(db));

  it("creates a conversation on its first turn and keeps state, turns and replies", async () => {
    const store = createConversationStore(db);
    const lease = await store.claim("c1", init);
    expect(lease.created).toBe(true);
    await store.commit(
      lease,
      {
        pending: null,
        lastChange: null,
        context: { lastProductId: "p1" },
        customerId: null,
        locale: "fr-FR",
      },
      turn("bonjour", "t1"),
      reply("Bonjour !"),
    );
    const again = await store.claim("c1", init);
    expect(again.created).toBe(false);
    expect(again.record.context.lastProductId).toBe("p1");
    expect(again.record.version).toBe(1);
    expect(await store.storedReply("c1", "t1")).toMatchObject({ text: "Bonjour !" });
    expect(await store.storedReply("c1", "t2")).toBeNull();
    await store.commit(again, { ...again.record, customerId: null }, turn("merci"), reply("De rien."));
    const transcript = await store.transcript("c1");
    expect(transcript.map((t) => [t.seq, t.request.text, t.reply.text])).toEqual([
      [1, "bonjour", "Bonjour !"],
      [2, "merci", "De rien."],
    ]);
  });

  it("makes a second turn wait for the first, and gives up with a busy error after the wait", async () => {
    const store = createConversationStore(db, { waitMs: 100 });
    const first = await store.claim("c2", init);
    await expect(store.claim("c2", init)).rejects.toBeInstanceOf(ConversationBusyError);
    const waiting = createConversationStore(db).claim("c2", init);
    await new Promise((r) => setTimeout(r, 30));
    await store.release(first);
    const second = await waiting;
    expect(second.token).not.toBe(first.token);
    await store.release(second);
  });

  it("lets another node take over a lease whose holder died", async () => {
    const crashed = createConversationStore(db, { leaseMs: 20 });
    const lost = await crashed.claim("c3", init);
    await new Promise((r) => setTimeout(r, 60));
    const store = createConversationStore(db);
    const taken = await store.claim("c3", init);
    // The dead node's late write is refused: only the lease holder writes the state.
    await expect(
      crashed.commit(lost, { ...lost.record, customerId: null }, turn("late"), reply("late")),
    ).rejects.toBeInstanceOf(ConversationBusyError);
    await store.commit(taken, { ...taken.record, customerId: null }, turn("now"), reply("ok"));
    expect((await store.transcript("c3")).map((t) => t.request.text)).toEqual(["now"]);
  });

  it.runIf(backend.name === "postgres")(
    "applies concurrent turns one at a time without losing any",
    async () => {
      const stores = [createConversationStore(db), createConversationStore(db)];
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const store = stores[i % 2]!;
          const lease = await store.claim("c4", init);
          const n = (lease.record.context.misunderstood ?? 0) + 1;
          // Give a concurrent turn every chance to interleave.
          await new Promise((r) => setTimeout(r, 2));
          await store.commit(
            lease,
            { ...lease.record, context: { misunderstood: n }, customerId: null },
            turn(`t${i}`),
            reply(String(n)),
          );
        }),
      );
      const record = await stores[0]!.get("c4");
      expect(record?.context.misunderstood).toBe(20);
      expect(record?.version).toBe(20);
      const replies = (await stores[0]!.transcript("c4")).map((t) => Number(t.reply.text));
      expect(replies).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    },
  );
});
