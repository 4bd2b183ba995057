import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.js";
import { seedDemo } from "../../src/feeds/test-seed.js";

const run = promisify(execFile);

/** `panier feed ...` as an operator runs it, on an embedded database with one broken product. */
async function panier(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "src/cli/main.ts", ...args], {
      env: {
        ...process.env,
        PANIER_DATA_DIR: dataDir,
        PANIER_PUBLIC_URL: "https://shop.example",
        DATABASE_URL: "",
      },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("panier feed", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "panier-feed-cli-"));
    const db = await openDatabase({ dataDir: dir });
    await seedDemo(db);
    await db.query(
      `INSERT INTO products (id, gtin, name, brand, quantity_text, category, sold_by, price_cents, image)
       VALUES ('3073363998824', '3073363998824', 'Lait au code faux', 'Lactel', '1 L', 'Crèmerie > Laits', 'unit', 109, NULL)`,
    );
    await db.query(
      `INSERT INTO offers (store_code, product_id, stock) VALUES ('LYO-PARTDIEU', '3073363998824', 4)`,
    );
    await db.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("validate prints counts and offenders and exits non-zero on errors", async () => {
    const bad = await panier(dir, "feed", "validate", "--store", "LYO-PARTDIEU");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/products-LYO-PARTDIEU: 700 products, 699 in the feed, 1 left out for errors/);
    expect(bad.stdout).toMatch(/error\s+invalid_gtin\s+1/);
    expect(bad.stdout).toMatch(/error\s+missing_image_link\s+1/);
    expect(bad.stdout).toContain("Worst offenders:\n    3073363998824");
    const good = await panier(dir, "feed", "validate", "--store", "TLS-PURPAN");
    expect(good.code).toBe(0);
  }, 60_000);

  it("writes a store's feed to a file", async () => {
    const out = join(dir, "local.tsv");
    const res = await panier(dir, "feed", "local-inventory", "--store", "PAR-VOLTAIRE", "--out", out);
    expect(res.code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]!.startsWith("store_code\tid\tquantity\tprice")).toBe(true);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.slice(1).every((l) => l.startsWith("PAR-VOLTAIRE\t"))).toBe(true);
  }, 60_000);
});
