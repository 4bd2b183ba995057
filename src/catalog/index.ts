export * from "./product.js";
export * from "./quantity.js";
export * from "./gtin.js";
export * from "./record.js";
export * from "./import/index.js";
export * from "./search-index.js";
