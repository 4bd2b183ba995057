import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type BatchContext, understandLine } from "../../src/cli/commands/understand.js";
import { loadCatalog, loadCustomers, loadOffers } from "../../src/cli/commands/understand-files.js";
import { createEngine } from "../../src/resolution/index.js";

/**
 * The held-out probe set (test/understanding/probes.jsonl, built by build_probes.py from catalog
 * filters and DESIGN.md's rules) through the batch contract, scored like ../shared/eval/score.py:
 * a case is exact when the intent matches and every expected item is met by exactly one output
 * item (GTIN accepted, same quantity, or weight within 1% / inside the range), with no extra.
 */

interface Alt {
  accept: string[];
  quantity?: number;
  weight_g?: number;
  weight_g_range?: [number, number];
}
interface Probe {
  id: string;
  text: string;
  expect: { intent: string; items: { any: Alt[] }[] };
}
interface OutItem {
  gtin?: string;
  quantity?: number;
  weight_g?: number;
}

const DATA = "data/demo";
const ctx: BatchContext = {
  engine: createEngine(loadCatalog(`${DATA}/catalog.fr.jsonl`)),
  customers: loadCustomers(`${DATA}/customers.fr.jsonl`),
  offers: loadOffers(`${DATA}/offers.fr.jsonl`),
};
const lines = readFileSync("test/understanding/probes.jsonl", "utf8").split("\n").filter(Boolean);

function itemOk(alt: Alt, out: OutItem): boolean {
  if (!out.gtin || !alt.accept.includes(out.gtin)) return false;
  if (alt.weight_g_range) {
    const w = out.weight_g;
    return w !== undefined && alt.weight_g_range[0] <= w && w <= alt.weight_g_range[1];
  }
  if (alt.weight_g !== undefined) {
    return out.weight_g !== undefined && Math.abs(out.weight_g - alt.weight_g) <= 0.01 * alt.weight_g;
  }
  return (out.quantity ?? 1) === (alt.quantity ?? 1);
}

function exact(probe: Probe, out: Record<string, unknown>): boolean {
  if (out.intent !== probe.expect.intent) return false;
  const items = (out.items as OutItem[] | undefined) ?? [];
  if (items.length !== probe.expect.items.length) return false;
  const used = new Set<number>();
  for (const want of probe.expect.items) {
    const k = items.findIndex((o, i) => !used.has(i) && want.any.some((a) => itemOk(a, o)));
    if (k < 0) return false;
    used.add(k);
  }
  return true;
}

describe("held-out probe set", () => {
  it("understands at least 95% of the probes exactly (other phrasings, brands, misheard words, English)", () => {
    const failures: string[] = [];
    lines.forEach((line, i) => {
      const probe = JSON.parse(line) as Probe;
      const out = understandLine(line, i + 1, ctx);
      if (!exact(probe, out)) failures.push(`${probe.id} ${probe.text} -> ${JSON.stringify(out)}`);
    });
    const accuracy = 1 - failures.length / lines.length;
    expect(lines.length).toBeGreaterThanOrEqual(250);
    expect(accuracy, failures.join("\n")).toBeGreaterThanOrEqual(0.95);
  });
});
