/**
 * The shape of http/auth.ts's Principal, restated because channels may not import http: a
 * token resolver returned from here is plugged into the HTTP auth hook.
 */
export type Principal =
  | { kind: "anonymous" }
  | { kind: "key"; keyId: string; scopes: string[] }
  | { kind: "shopper"; customerId: string };
