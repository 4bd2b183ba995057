export * from "./numbers.js";
export * from "./amounts.js";
export * from "./render.js";
