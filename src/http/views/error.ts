import { z } from "zod";

/** The JSON error every route answers with: a stable code, a message a person can act on. */
export const errorSchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});

/** Response schemas for the listed error statuses, for a route's OpenAPI description. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema]));
}
