export * from "./product.js";
export * from "./quantity.js";
export * from "./gtin.js";
export * from "./record.js";
export * from "./repository.js";
export * from "./service.js";
export * from "./import/index.js";
export * from "./search-index.js";
