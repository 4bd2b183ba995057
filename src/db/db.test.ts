import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "./migrate.js";
import { products } from "./schema/index.js";
import { disposeTestDatabase, testDatabaseBackends } from "./testing.js";
import { type Database, openDatabase } from "./client.js";

describe.each(testDatabaseBackends())("storage on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  it("runs every migration once; a second run applies nothing", async () => {
    const schema = (await db.query<{ s: string }>("SELECT current_schema() AS s"))[0]!.s;
    expect(await runMigrations(db, schema)).toEqual([]);
    const rows = await db.query<{ name: string }>("SELECT name FROM panier_migrations");
    expect(rows.length).toBeGreaterThan(0);
  });

  it("rolls a failed transaction back whole", async () => {
    const row = {
      id: "T1",
      name: "Test",
      quantityText: "1 L",
      category: "A > B",
      soldBy: "unit",
      priceCents: 100,
    };
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(products).values(row);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.orm.select().from(products).where(eq(products.id, "T1"))).toEqual([]);
  });

  it("rejects a negative price at the database", async () => {
    await expect(
      db.orm
        .insert(products)
        .values({ id: "T2", name: "x", quantityText: "1", category: "A", soldBy: "unit", priceCents: -1 }),
    ).rejects.toThrow();
  });

  it("delivers notifications to listeners", async () => {
    const got: string[] = [];
    const stop = await db.listen("catalog_changed", (p) => got.push(p));
    await db.notify("catalog_changed", "42");
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(got).toEqual(["42"]);
  });
});

describe.runIf(process.env.PANIER_TEST_DATABASE_URL)("LISTEN on PostgreSQL", () => {
  it("re-subscribes after its connection is killed, so notifications keep arriving", async () => {
    const backend = testDatabaseBackends().find((b) => b.name === "postgres")!;
    const db = await backend.open();
    try {
      const got: string[] = [];
      await db.listen("catalog_changed", (p) => got.push(p));
      // Kill our listener connection only: its last query was LISTEN on this schema's channel.
      const [{ s }] = await db.query<{ s: string }>("SELECT current_schema() AS s");
      const killed = await db.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE $1",
        [`LISTEN "${s}__%`],
      );
      expect(killed).toHaveLength(1);
      for (let i = 0; i < 100 && got.length === 0; i++) {
        await db.notify("catalog_changed", "after-restart");
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(got).toContain("after-restart");
    } finally {
      await disposeTestDatabase(db);
    }
  });
});

describe.runIf(process.env.PANIER_TEST_DATABASE_URL)("several nodes starting at once on PostgreSQL", () => {
  it("creates the schema and migrates once, whoever wins the race", async () => {
    const url = process.env.PANIER_TEST_DATABASE_URL!;
    const schemaName = `race_${process.pid}_${Date.now().toString(36)}`;
    const nodes = await Promise.all(
      Array.from({ length: 6 }, () => openDatabase({ url, schemaName, maxConnections: 2 })),
    );
    try {
      const rows = await nodes[0]!.query<{ name: string }>("SELECT name FROM panier_migrations");
      expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    } finally {
      await nodes[0]!.query(`DROP SCHEMA ${schemaName} CASCADE`);
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});
