export { fold, normalize, tokens, singular, keyTokens } from "./normalize.js";
