import { DomainError, type Exec, type StoreRules } from "../stores/index.js";
import type { Amount } from "./cart-types.js";
import { type StoreProduct, closestAlternatives, stockInLineUnits } from "./products.js";

// What a cart line may hold: the right kind of amount, within the store's per-line limit and stock.

/** Refuses what the store cannot sell in that amount, with the closest alternatives. */
export async function checkSellable(
  exec: Exec,
  rules: StoreRules,
  product: StoreProduct | null,
  productId: string,
  amount: number,
): Promise<StoreProduct> {
  if (!product) {
    throw new DomainError(404, "unknown_product", `No product with id ${productId}`);
  }
  const alternatives = () => closestAlternatives(exec, rules.code, rules.priceFactor, product);
  if (!product.active || !product.offer) {
    throw new DomainError(422, "not_sold_here", `${rules.name} does not sell ${product.name}`, {
      product_id: product.id,
      alternatives: await alternatives(),
    });
  }
  const stock = stockInLineUnits(product);
  if (stock <= 0) {
    throw new DomainError(409, "out_of_stock", `${product.name} is out of stock at ${rules.name}`, {
      product_id: product.id,
      available: 0,
      alternatives: await alternatives(),
    });
  }
  if (amount > stock) {
    const unit = product.soldBy === "weight" ? "g" : "units";
    throw new DomainError(
      409,
      "insufficient_stock",
      `Only ${stock} ${unit} of ${product.name} left at ${rules.name}`,
      { product_id: product.id, available: stock, alternatives: await alternatives() },
    );
  }
  return product;
}

export function amountFor(product: StoreProduct, a: Amount): number {
  if (product.soldBy === "weight") {
    if (a.weightG === undefined || a.quantity !== undefined) {
      throw new DomainError(422, "weight_required", `${product.name} is sold by weight: give weight_g`);
    }
    if (!Number.isInteger(a.weightG) || a.weightG <= 0) {
      throw new DomainError(422, "invalid_amount", "weight_g must be a positive whole number of grams");
    }
    return a.weightG;
  }
  if (a.quantity === undefined || a.weightG !== undefined) {
    throw new DomainError(422, "quantity_required", `${product.name} is sold by the unit: give quantity`);
  }
  if (!Number.isInteger(a.quantity) || a.quantity <= 0) {
    throw new DomainError(422, "invalid_amount", "quantity must be a positive whole number");
  }
  return a.quantity;
}

export function checkLimit(product: StoreProduct, amount: number, rules: StoreRules): void {
  const max = product.soldBy === "weight" ? rules.maxWeightGPerLine : rules.maxUnitsPerLine;
  if (amount > max) {
    throw new DomainError(
      422,
      "line_limit",
      product.soldBy === "weight"
        ? `At most ${max} g of ${product.name} per order`
        : `At most ${max} units of ${product.name} per order`,
      { product_id: product.id, max },
    );
  }
}
