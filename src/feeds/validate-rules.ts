import { gtinProblem } from "../catalog/index.js";
import { gtinRange } from "./gtin-ranges.js";
import type { FeedItem, ItemFacts, Problem } from "./types.js";

/** Identifier and unit-pricing rules of the product data specification (used by validate.ts). */

export function problem(
  code: string,
  severity: Problem["severity"],
  attribute: string,
  message: string,
): Problem {
  return { code, severity, attribute, message };
}

const MPN_MAX = 70;
const MEASURE =
  /^(\d+(?:\.\d+)?) ?(oz|lb|mg|g|kg|floz|pt|qt|gal|ml|cl|l|cbm|in|ft|yd|cm|m|sqft|sqm|ct|sheet|item)$/;
const UNIT_KIND: Record<string, string> = {
  oz: "weight",
  lb: "weight",
  mg: "weight",
  g: "weight",
  kg: "weight",
  floz: "volume",
  pt: "volume",
  qt: "volume",
  gal: "volume",
  ml: "volume",
  cl: "volume",
  l: "volume",
  cbm: "volume",
  in: "length",
  ft: "length",
  yd: "length",
  cm: "length",
  m: "length",
  sqft: "area",
  sqm: "area",
  ct: "count",
  sheet: "count",
  item: "count",
};
/** Base measures the specification accepts: 1, 2, 4, 8, 10 or 100 of a unit, plus these metric ones. */
const BASE_NUMBERS = new Set(["1", "2", "4", "8", "10", "100"]);
const BASE_EXTRA = new Set(["75cl", "750ml", "50kg", "1000kg"]);

/**
 * GTIN check digit and ranges, and the identifier_exists rule (the builder applies the same):
 * `no` only where the item has neither a GTIN nor an MPN.
 */
export function checkIdentifiers(item: FeedItem, facts: ItemFacts, out: Problem[]): void {
  if (item.gtin !== undefined) {
    const p = gtinProblem(item.gtin);
    if (p) {
      const why =
        p === "bad_check_digit"
          ? "its check digit is wrong"
          : p === "bad_length"
            ? "it must have 8, 12, 13 or 14 digits"
            : "it must hold digits only";
      out.push(problem("invalid_gtin", "error", "gtin", `GTIN ${item.gtin} is invalid: ${why}`));
    } else {
      const range = gtinRange(item.gtin);
      if (range === "coupon")
        out.push(
          problem(
            "gtin_coupon_range",
            "error",
            "gtin",
            `GTIN ${item.gtin} is in a coupon range (05, 99, 981-984)`,
          ),
        );
      if (range === "in_store")
        out.push(
          problem(
            "gtin_restricted_range",
            "error",
            "gtin",
            `GTIN ${item.gtin} is in the in-store range (2, 02, 04)`,
          ),
        );
    }
  } else if (facts.sourceGtin && gtinRange(facts.sourceGtin) === "in_store") {
    out.push(
      problem(
        "gtin_in_store_not_submitted",
        "warning",
        "gtin",
        `in-store GTIN ${facts.sourceGtin} (prefix 2, 02 or 04) is not submitted`,
      ),
    );
  }
  if (item.mpn !== undefined && item.mpn.length > MPN_MAX)
    out.push(problem("mpn_too_long", "error", "mpn", `mpn is longer than ${MPN_MAX} characters`));
  const hasIdentifier = item.gtin !== undefined || item.mpn !== undefined;
  if (item.identifier_exists === "no" && hasIdentifier) {
    out.push(
      problem(
        "identifier_exists_mismatch",
        "error",
        "identifier_exists",
        "identifier_exists is no but the item has a GTIN or an MPN",
      ),
    );
  }
  if (item.identifier_exists !== "no" && !hasIdentifier) {
    out.push(
      problem(
        "identifier_exists_mismatch",
        "error",
        "identifier_exists",
        "the item has neither GTIN nor MPN: identifier_exists must be no",
      ),
    );
  }
}

export function checkUnitPricing(item: FeedItem, facts: ItemFacts, out: Problem[]): void {
  const measure = item.unit_pricing_measure;
  const base = item.unit_pricing_base_measure;
  if (!measure || !base) {
    if (facts.measured) {
      out.push(
        problem(
          "unit_pricing_missing",
          "error",
          "unit_pricing_measure",
          "goods sold by weight or volume need unit_pricing_measure and unit_pricing_base_measure",
        ),
      );
    }
    if (!measure && !base) return;
    if (!facts.measured) {
      out.push(
        problem(
          "unit_pricing_incomplete",
          "error",
          "unit_pricing_base_measure",
          "unit_pricing_measure and unit_pricing_base_measure go together",
        ),
      );
      return;
    }
    return;
  }
  const m = MEASURE.exec(measure);
  const b = MEASURE.exec(base);
  if (!m || Number(m[1]) <= 0)
    out.push(
      problem(
        "invalid_unit_pricing_measure",
        "error",
        "unit_pricing_measure",
        `"${measure}" must be a positive number and a supported unit`,
      ),
    );
  if (!b || !(BASE_NUMBERS.has(b[1]!) || BASE_EXTRA.has(`${b[1]}${b[2]}`))) {
    out.push(
      problem(
        "invalid_unit_pricing_base_measure",
        "error",
        "unit_pricing_base_measure",
        `"${base}" must be 1, 2, 4, 8, 10 or 100 of a unit, or 75cl, 750ml, 50kg, 1000kg`,
      ),
    );
  }
  if (m && b && UNIT_KIND[m[2]!] !== UNIT_KIND[b[2]!]) {
    out.push(
      problem(
        "unit_pricing_unit_mismatch",
        "error",
        "unit_pricing_base_measure",
        `"${measure}" and "${base}" measure different things`,
      ),
    );
  }
}
