import { readFileSync } from "node:fs";
import { fold } from "../language/index.js";

/**
 * VAT rules as in data/demo/vat.fr.json: a rate (percent) by category path prefix (the longest
 * prefix wins), a rate by label that overrides the category ("Sans alcool" beer is food), and a
 * default for everything else. Prices are VAT-included: VAT is shown, never added.
 */
export interface VatRules {
  defaultRate: number;
  byCategoryPrefix: Record<string, number>;
  byLabel: Record<string, number>;
  /** Rate applied to the delivery fee (a service at the standard rate). */
  serviceRate: number;
}

export function vatRulesFromJson(raw: unknown): VatRules {
  const r = raw as {
    default_rate?: number;
    by_category_prefix?: Record<string, number>;
    by_label?: Record<string, number>;
    service_rate?: number;
  };
  if (typeof r?.default_rate !== "number") throw new Error("VAT rules need a numeric default_rate");
  return {
    defaultRate: r.default_rate,
    byCategoryPrefix: r.by_category_prefix ?? {},
    byLabel: r.by_label ?? {},
    serviceRate: r.service_rate ?? 20,
  };
}

let defaultRules: VatRules | undefined;

/** The French rules shipped with the demo data. */
export function defaultVatRules(): VatRules {
  defaultRules ??= vatRulesFromJson(
    JSON.parse(readFileSync(new URL("../../data/demo/vat.fr.json", import.meta.url), "utf8")),
  );
  return defaultRules;
}

export interface VatSubject {
  name: string;
  /** Category path segments. */
  category: string[];
  labels: string[];
}

/** The VAT rate (percent) of one product. */
export function vatRateFor(product: VatSubject, rules: VatRules): number {
  // The label rule: a label, or the name, that says it (e.g. "Bière sans alcool").
  const foldedName = fold(product.name);
  for (const [label, rate] of Object.entries(rules.byLabel)) {
    const l = fold(label);
    if (product.labels.some((x) => fold(x) === l) || foldedName.includes(l)) return rate;
  }
  let best: { len: number; rate: number } | undefined;
  for (const [prefix, rate] of Object.entries(rules.byCategoryPrefix)) {
    const segs = prefix.split(">").map((s) => fold(s.trim()));
    if (segs.length > product.category.length) continue;
    if (!segs.every((s, i) => s === fold(product.category[i] ?? ""))) continue;
    if (!best || segs.length > best.len) best = { len: segs.length, rate };
  }
  return best ? best.rate : rules.defaultRate;
}

export interface VatLine {
  /** Percent, e.g. 5.5. */
  rate: number;
  /** VAT-included amount taxed at that rate. */
  gross_cents: number;
  /** The VAT included in gross_cents. */
  vat_cents: number;
  net_cents: number;
}

/** Groups VAT-included amounts by rate and extracts the included VAT of each group. */
export function vatBreakdown(amounts: { rate: number; cents: number }[]): VatLine[] {
  const byRate = new Map<number, number>();
  for (const a of amounts) byRate.set(a.rate, (byRate.get(a.rate) ?? 0) + a.cents);
  return [...byRate.entries()]
    .sort((a, b) => a[0] - b[0])
    .filter(([, gross]) => gross !== 0)
    .map(([rate, gross]) => {
      const vat = Math.round((gross * rate) / (100 + rate));
      return { rate, gross_cents: gross, vat_cents: vat, net_cents: gross - vat };
    });
}
