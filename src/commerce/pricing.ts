import { type Quantity, type SoldBy, type UnitPrice, unitPrice } from "../catalog/index.js";
import { type Promotion, promotionActive, storePriceCents } from "../stores/index.js";
import { type VatLine, type VatRules, vatBreakdown, vatRateFor } from "./vat.js";

/** What pricing needs to know about a product in a store. */
export interface PricedProduct {
  id: string;
  gtin: string | null;
  name: string;
  soldBy: SoldBy;
  quantity: Quantity;
  category: string[];
  labels: string[];
  /** Catalog price (per selling unit, or per kg when sold by weight). */
  catalogPriceCents: number;
}

export interface StoreOfferPrice {
  priceFactor: number;
  offerPriceCents: number | null;
  promotion: Promotion | null;
}

export interface PricedLine {
  productId: string;
  gtin: string | null;
  name: string;
  soldBy: SoldBy;
  quantity: number | null;
  weightG: number | null;
  /** The store's price per selling unit, or per kg for products sold by weight. */
  unitPriceCents: number;
  /** Shelf-label unit price (per kg, per litre or per piece). */
  unitPrice: UnitPrice;
  /** Price before promotion. */
  baseCents: number;
  savingCents: number;
  totalCents: number;
  /** The promotion applied, when one is on and applies to this line. */
  promotion: Promotion | null;
  /** Weighed products are estimated until the store weighs them. */
  estimated: boolean;
  vatRate: number;
}

/**
 * Saving of a promotion on one line. Pair and multi-buy promotions need whole units, so they
 * apply only to lines counted in units; percent applies to weighed lines too.
 */
export function promotionSaving(
  promotion: Promotion,
  unitCents: number,
  quantity: number | null,
  baseCents: number,
): number {
  switch (promotion.type) {
    case "percent":
      return Math.round((baseCents * promotion.value) / 100);
    case "second_item_percent":
      if (quantity === null) return 0;
      return Math.floor(quantity / 2) * Math.round((unitCents * promotion.value) / 100);
    case "x_for_y": {
      if (quantity === null || promotion.pay >= promotion.buy) return 0;
      return Math.floor(quantity / promotion.buy) * (promotion.buy - promotion.pay) * unitCents;
    }
  }
}

/** Prices one line at `now`: the store's price, the promotion on at that time, VAT rate. */
export function priceLine(
  product: PricedProduct,
  offer: StoreOfferPrice,
  amount: { quantity: number | null; weightG: number | null },
  now: Date,
  vat: VatRules,
): PricedLine {
  const unitCents = storePriceCents(product.catalogPriceCents, offer.priceFactor, offer.offerPriceCents);
  const byWeight = product.soldBy === "weight";
  const quantity = byWeight ? null : (amount.quantity ?? 1);
  const weightG = byWeight ? (amount.weightG ?? 0) : null;
  const baseCents = byWeight ? Math.round((unitCents * (weightG ?? 0)) / 1000) : unitCents * (quantity ?? 0);
  const promo = promotionActive(offer.promotion, now) ? offer.promotion : null;
  const saving = promo ? Math.min(baseCents, promotionSaving(promo, unitCents, quantity, baseCents)) : 0;
  return {
    productId: product.id,
    gtin: product.gtin,
    name: product.name,
    soldBy: product.soldBy,
    quantity,
    weightG,
    unitPriceCents: unitCents,
    unitPrice: unitPrice(unitCents, product.quantity),
    baseCents,
    savingCents: saving,
    totalCents: baseCents - saving,
    promotion: saving > 0 ? promo : null,
    estimated: byWeight,
    vatRate: vatRateFor(product, vat),
  };
}

/** A store's fees and thresholds for one fulfilment mode, in cents. */
export interface FeeRules {
  feeCents: number;
  freeAboveCents: number | null;
  minBasketCents: number;
}

export interface Totals {
  /** Sum of line totals, promotions applied (what the minimum basket is compared with). */
  itemsCents: number;
  savingsCents: number;
  feeCents: number;
  totalCents: number;
  /** Whether any line is weighed and so estimated. */
  estimated: boolean;
  vat: VatLine[];
  /** Cents missing to reach the minimum basket (0 when reached or no mode chosen). */
  missingForMinimumCents: number;
  /** Cents missing to reach free delivery, when there is such a threshold. */
  missingForFreeFeeCents: number | null;
}

export function totals(lines: PricedLine[], fees: FeeRules | null, vat: VatRules): Totals {
  const itemsCents = lines.reduce((s, l) => s + l.totalCents, 0);
  const savingsCents = lines.reduce((s, l) => s + l.savingCents, 0);
  let feeCents = 0;
  let missingForFreeFeeCents: number | null = null;
  if (fees) {
    const free = fees.freeAboveCents !== null && itemsCents >= fees.freeAboveCents;
    feeCents = free ? 0 : fees.feeCents;
    if (fees.freeAboveCents !== null && fees.feeCents > 0) {
      missingForFreeFeeCents = Math.max(0, fees.freeAboveCents - itemsCents);
    }
  }
  const amounts = lines.map((l) => ({ rate: l.vatRate, cents: l.totalCents }));
  if (feeCents > 0) amounts.push({ rate: vat.serviceRate, cents: feeCents });
  return {
    itemsCents,
    savingsCents,
    feeCents,
    totalCents: itemsCents + feeCents,
    estimated: lines.some((l) => l.estimated),
    vat: vatBreakdown(amounts),
    missingForMinimumCents: fees ? Math.max(0, fees.minBasketCents - itemsCents) : 0,
    missingForFreeFeeCents,
  };
}
