import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/index.js";
import { FeedGenerator } from "../../feeds/index.js";
import { seedDemo } from "../../feeds/test-seed.js";
import { installAuth } from "../auth.js";
import { loadConfig } from "../config.js";
import type { AppDeps } from "../deps.js";
import { installErrorHandler } from "../errors.js";
import feeds, { acceptsGzip } from "./feeds.js";
import productPages, { escapeHtml, scriptJson } from "./product-pages.js";

describe("feed and product page routes", () => {
  let db: Database;
  let app: FastifyInstance;
  let dir: string;
  let generator: FeedGenerator;

  beforeAll(async () => {
    db = await openDatabase();
    await seedDemo(db);
    await db.query(`UPDATE products SET name = $1 WHERE id = '3073363998823'`, [
      'Lait <b>"demi"</b> & écrémé </script>',
    ]);
    dir = mkdtempSync(join(tmpdir(), "panier-feed-routes-"));
    const config = { ...loadConfig({ PANIER_DATA_DIR: dir, PANIER_PUBLIC_URL: "https://shop.example" }) };
    generator = new FeedGenerator(db, { dir: join(dir, "feeds"), publicUrl: config.publicUrl });
    const deps = {
      db,
      config,
      tokenResolvers: [
        async (t: string) =>
          t === "admin-token" ? { kind: "key" as const, keyId: "k", scopes: ["admin"] } : null,
      ],
      feeds: generator,
    } as unknown as AppDeps;
    const f = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    f.setValidatorCompiler(validatorCompiler);
    f.setSerializerCompiler(serializerCompiler);
    installErrorHandler(f);
    installAuth(f, deps.tokenResolvers);
    await f.register(feeds, deps);
    await f.register(productPages, deps);
    app = f;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 with Retry-After until the files exist, generating off the request path", async () => {
    const res = await app.inject({ url: "/feeds/google/products.xml?store=LYO-PARTDIEU" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBe("60");
    expect(res.json().error.code).toBe("feed_not_ready");
    await generator.settled();
    await generator.generateAll();
  });

  it("streams the store's product feed with ETag and Last-Modified, and 304 on a repeat", async () => {
    const res = await app.inject({ url: "/feeds/google/products.xml?store=LYO-PARTDIEU" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/xml");
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const lastModified = res.headers["last-modified"] as string;
    expect(Date.parse(lastModified)).not.toBeNaN();
    const doc = new XMLParser({ parseTagValue: false }).parse(res.body);
    expect(doc.rss.channel.item.length).toBeGreaterThan(100);

    const again = await app.inject({
      url: "/feeds/google/products.xml?store=LYO-PARTDIEU",
      headers: { "if-none-match": etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const since = await app.inject({
      url: "/feeds/google/products.xml?store=LYO-PARTDIEU",
      headers: { "if-modified-since": lastModified },
    });
    expect(since.statusCode).toBe(304);
    const stale = await app.inject({
      url: "/feeds/google/products.xml?store=LYO-PARTDIEU",
      headers: { "if-none-match": '"other"' },
    });
    expect(stale.statusCode).toBe(200);
  });

  it("gzips when asked, and only then", async () => {
    const plain = await app.inject({ url: "/feeds/google/products.tsv?store=PAR-VOLTAIRE" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const zipped = await app.inject({
      url: "/feeds/google/products.tsv?store=PAR-VOLTAIRE",
      headers: { "accept-encoding": "gzip, deflate" },
    });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toContain("accept-encoding");
    expect(gunzipSync(zipped.rawPayload).toString("utf8")).toBe(plain.body);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    const zippedAgain = await app.inject({
      url: "/feeds/google/products.tsv?store=PAR-VOLTAIRE",
      headers: { "accept-encoding": "gzip", "if-none-match": zipped.headers.etag as string },
    });
    expect(zippedAgain.statusCode).toBe(304);
    expect(acceptsGzip("gzip;q=0, identity")).toBe(false);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
  });

  it("serves the local inventory and promotions feeds; unknown stores are 404", async () => {
    const local = await app.inject({ url: "/feeds/google/local-inventory.tsv?store=TLS-PURPAN" });
    expect(local.statusCode).toBe(200);
    expect(local.body.split("\n")[0]).toBe(
      "store_code\tid\tquantity\tprice\tsale_price\tsale_price_effective_date\tavailability\tpickup_method\tpickup_sla",
    );
    expect((await app.inject({ url: "/feeds/google/local-inventory.tsv" })).statusCode).toBe(400);
    const missing = await app.inject({ url: "/feeds/google/products.xml?store=NOPE" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("store_not_found");
    const promos = await app.inject({ url: "/feeds/google/promotions.xml" });
    expect(promos.statusCode).toBe(200);
    expect(promos.body).toContain("<g:promotion_id>");
  });

  it("shows feed health to admins only", async () => {
    expect((await app.inject({ url: "/v1/admin/feeds/health" })).statusCode).toBe(401);
    const res = await app.inject({
      url: "/v1/admin/feeds/health?store=LYO-PARTDIEU",
      headers: { authorization: "Bearer admin-token" },
    });
    expect(res.statusCode).toBe(200);
    const [report] = res.json().reports;
    expect(report.store).toBe("LYO-PARTDIEU");
    expect(report.withErrors).toBe(0);
    expect(report.emitted).toBe(report.products);
    const now = await app.inject({
      url: "/v1/admin/feeds/validate?store=LYO-PARTDIEU",
      headers: { authorization: "Bearer admin-token" },
    });
    expect(now.json().emitted).toBe(report.emitted);
  });

  it("renders every feed link as a real page with escaped HTML and embedded JSON-LD", async () => {
    const page = await app.inject({ url: "/p/3073363998823" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).not.toContain("<b>");
    expect(page.body).toContain("Lait &lt;b&gt;&quot;demi&quot;&lt;/b&gt; &amp; écrémé &lt;/script&gt;");
    // Only the real closing tag: the name's "</script>" is escaped inside the JSON.
    expect(page.body.match(/<\/script>/g)).toHaveLength(1);
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!;
    const ld = JSON.parse(json);
    expect(ld["@type"]).toBe("Product");
    expect(ld.offers.length).toBeGreaterThanOrEqual(1);
    expect(page.body).toContain("1,09 €/L");

    const res = await app.inject({ url: "/v1/products/3456442527297/jsonld" });
    expect(res.headers["content-type"]).toContain("application/ld+json");
    const six = res.json();
    const lyon = six.offers.find(
      (o: { availableAtOrFrom: { identifier: string } }) => o.availableAtOrFrom.identifier === "LYO-PARTDIEU",
    );
    expect(lyon).toMatchObject({ "@type": "Offer", price: "5.99", priceCurrency: "EUR" });
    expect(lyon.priceSpecification).toMatchObject({
      "@type": "UnitPriceSpecification",
      referenceQuantity: { value: 6, unitCode: "LTR", valueReference: { value: 1, unitCode: "LTR" } },
    });
    expect((await app.inject({ url: "/p/unknown-product" })).statusCode).toBe(404);
  });

  it("escapes what HTML and scripts must not see raw", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(scriptJson({ a: "</script><!--" })).not.toMatch(/[<>]/);
  });
});
