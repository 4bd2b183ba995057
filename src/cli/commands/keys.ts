import type { Command } from "commander";
import {
  type ApiKeyJson,
  apiKeyJson,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  validateScopes,
} from "../../identity/index.js";
import { callServer, openCliDatabase, runningServer } from "../database.js";

function printKeys(keys: ApiKeyJson[]): void {
  if (keys.length === 0) {
    console.log("No API keys.");
    return;
  }
  for (const k of keys) {
    const state = k.revoked_at ? `revoked ${k.revoked_at}` : "active";
    console.log(`${k.id}\t${k.name}\t${k.scopes.join(",")}\tcreated ${k.created_at}\t${state}`);
  }
}

/**
 * `panier keys create|list|revoke`. With the embedded database held by a running server, the
 * command goes through that server's admin API (with PANIER_API_KEY or admin.key), so the change
 * is never lost; otherwise it opens the database itself.
 */
export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("Manage API keys (admin, channel, brand:<name> scopes)");

  keys
    .command("create")
    .description("Create a key and print its secret once (only a hash is kept)")
    .requiredOption("--name <name>", "who or what uses the key, e.g. 'alexa-skill'")
    .option("--scopes <scopes>", "comma-separated: admin, channel, brand:<name>", "channel")
    .action(async (opts: { name: string; scopes: string }) => {
      const scopes = validateScopes(opts.scopes.split(","));
      const server = runningServer();
      let created: { key: ApiKeyJson; secret: string };
      if (server) {
        created = await callServer(server, "POST", "/v1/admin/keys", { name: opts.name, scopes });
      } else {
        const { db, close } = await openCliDatabase("keys");
        try {
          const r = await createApiKey(db, { name: opts.name, scopes });
          created = { key: apiKeyJson(r.key), secret: r.secret };
        } finally {
          await close();
        }
      }
      console.error(
        `Created ${created.key.id} (${created.key.scopes.join(",")}). The secret is shown only now:`,
      );
      console.log(created.secret);
    });

  keys
    .command("list")
    .description("List keys with their scopes (never their secrets)")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const server = runningServer();
      let list: ApiKeyJson[];
      if (server) {
        list = (await callServer<{ items: ApiKeyJson[] }>(server, "GET", "/v1/admin/keys")).items;
      } else {
        const { db, close } = await openCliDatabase("keys");
        try {
          list = (await listApiKeys(db)).map(apiKeyJson);
        } finally {
          await close();
        }
      }
      if (opts.json) console.log(JSON.stringify(list, null, 2));
      else printKeys(list);
    });

  keys
    .command("revoke <id>")
    .description("Revoke a key at once on every node")
    .action(async (id: string) => {
      const server = runningServer();
      let revoked: ApiKeyJson | null;
      if (server) {
        revoked = await callServer<ApiKeyJson>(server, "DELETE", `/v1/admin/keys/${encodeURIComponent(id)}`);
      } else {
        const { db, close } = await openCliDatabase("keys");
        try {
          const k = await revokeApiKey(db, id);
          revoked = k ? apiKeyJson(k) : null;
        } finally {
          await close();
        }
      }
      if (!revoked) throw new Error(`No API key has the id "${id}"`);
      console.log(`Revoked ${revoked.id} (${revoked.name}) at ${revoked.revoked_at}`);
    });
}
