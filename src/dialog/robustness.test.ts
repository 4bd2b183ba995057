import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/index.js";
import { type Harness, demoHarness } from "../../test/scenarios/harness.js";
import { ssmlProblems } from "./speech/ssml-check.js";

/** Whatever a shopper or a platform sends, a turn yields a valid reply, never an exception. */
describe("dialog robustness", () => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await openDatabase();
    h = await demoHarness(db, new Date("2026-11-25T09:00:00Z"));
  }, 120_000);
  afterAll(() => db.close());

  const words = fc.constantFrom(
    "ajoute",
    "deux",
    "lait",
    "oui",
    "non",
    "le",
    "deuxième",
    "annule",
    "samedi",
    "vers",
    "10 h",
    "commander",
    "add",
    "milk",
    "yes",
    "the",
    "cheapest",
    "😀",
    "999999",
    "kilos",
    "<b>",
    "&",
    '"',
    "'",
    "entre",
    "et",
    "19 h",
  );
  const utterance = fc.oneof(
    fc.array(words, { maxLength: 12 }).map((w) => w.join(" ")),
    fc.string({ maxLength: 300 }),
    fc.constantFrom("", " ", "a".repeat(2000), "١٢٣ 中文 кириллица", "\u0000\u0007"),
  );

  it("answers any sequence of turns with text and well-formed shared SSML", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(utterance, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("fr-FR", "en-GB"),
        async (texts, locale) => {
          n++;
          for (const text of texts) {
            const reply = await h.dialog.handle({
              conversationId: `fuzz-${n}`,
              storeId: "LYO-PARTDIEU",
              locale,
              text,
              customerId: "cust-claire",
            });
            expect(reply.text.length).toBeGreaterThan(0);
            expect(ssmlProblems(reply.ssml)).toEqual([]);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
