import type { Database } from "../../db/index.js";
import type { ClientMetadata } from "oidc-provider";
import { OAuthInteractions } from "./interactions.js";
import { createOAuthServer, type OAuthServer, type ShopperDirectory } from "./provider.js";

/** Account linking as the HTTP layer mounts it: the server, its pages, and a token resolver. */
export interface AccountLinking {
  server: OAuthServer;
  interactions: OAuthInteractions;
  /** For http/auth.ts: a linked access token acts as its shopper. */
  tokenResolver(token: string): Promise<{ kind: "shopper"; customerId: string } | null>;
}

export async function createAccountLinking(options: {
  db: Database;
  issuer: string;
  clients: ClientMetadata[];
  shoppers: ShopperDirectory;
  accessTokenTtl?: number;
}): Promise<AccountLinking> {
  const server = await createOAuthServer(options);
  return {
    server,
    interactions: new OAuthInteractions(server, options.shoppers),
    async tokenResolver(token) {
      const customerId = await server.shopperForToken(token);
      return customerId ? { kind: "shopper", customerId } : null;
    },
  };
}
