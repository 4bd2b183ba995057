export * from "./offer.js";
