import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { roundTrip } from "../../../test/support/dialogflow-proto.js";

const doc = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../docs/dialogflow-cx/${name}.json`, import.meta.url), "utf8"));

/** The serializer writes empty maps for map fields left out; they mean the same as absent. */
function dropEmptyMaps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropEmptyMaps);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x && typeof x === "object" && !Array.isArray(x) && Object.keys(x).length === 0) continue;
      out[k] = dropEmptyMaps(x);
    }
    return out;
  }
  return v;
}

describe("the documented CX agent setup", () => {
  it.each([
    ["agent", "Agent"],
    ["webhook", "Webhook"],
    ["start-flow", "Flow"],
  ] as const)("docs/dialogflow-cx/%s.json is a valid %s resource", (file, type) => {
    const json = doc(file);
    expect(dropEmptyMaps(roundTrip(type, json))).toEqual(json);
  });

  it("hands every unmatched utterance to the webhook and ends the session on panier_end", () => {
    const flow = doc("start-flow");
    const noMatch = flow.eventHandlers.find((h: { event: string }) => h.event === "sys.no-match-default");
    expect(noMatch.triggerFulfillment.webhook).toMatch(/\/webhooks\//);
    const end = flow.transitionRoutes.find((r: { condition?: string }) =>
      r.condition?.includes("panier_end"),
    );
    expect(end.targetPage).toMatch(/\/pages\/END_SESSION$/);
  });
});
