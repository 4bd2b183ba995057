import type { Adapter, AdapterPayload } from "oidc-provider";
import type { Database } from "../../db/index.js";

/**
 * oidc-provider's storage in the database (table oauth_models), so that every API node sees
 * the same sessions, interactions, codes, grants and tokens: a code issued by one node is
 * redeemed at another, and a revocation anywhere is seen everywhere.
 */
export class DatabaseOAuthAdapter implements Adapter {
  constructor(
    private readonly db: Database,
    private readonly kind: string,
    /** oidc-provider's InvalidGrant (passed in: the library is loaded lazily). */
    private readonly invalidGrant: (message: string) => Error = (m) => new Error(m),
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const expiresAt = typeof expiresIn === "number" ? new Date(Date.now() + expiresIn * 1000) : null;
    await this.db.query(
      `INSERT INTO oauth_models (kind, id, payload, grant_id, user_code, uid, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (kind, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
         user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
      [
        this.kind,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
        expiresAt,
      ],
    );
  }

  private async one(where: string, value: string): Promise<AdapterPayload | undefined> {
    const rows = await this.db.query<{ payload: AdapterPayload; consumed_at: Date | null }>(
      `SELECT payload, consumed_at FROM oauth_models
       WHERE kind = $1 AND ${where} = $2 AND (expires_at IS NULL OR expires_at > now())`,
      [this.kind, value],
    );
    const row = rows[0];
    if (!row) return undefined;
    const payload = typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload;
    // oidc-provider expects `consumed` (epoch seconds) on a consumed code or refresh token.
    return row.consumed_at
      ? { ...payload, consumed: Math.floor(new Date(row.consumed_at).getTime() / 1000) }
      : payload;
  }

  find(id: string) {
    return this.one("id", id);
  }

  findByUid(uid: string) {
    return this.one("uid", uid);
  }

  findByUserCode(userCode: string) {
    return this.one("user_code", userCode);
  }

  /**
   * Marks a code or refresh token used, once: of two nodes redeeming the same code at the same
   * moment, only one updates the row; the other is refused as a reused grant.
   */
  async consume(id: string): Promise<void> {
    const rows = await this.db.query(
      "UPDATE oauth_models SET consumed_at = now() WHERE kind = $1 AND id = $2 AND consumed_at IS NULL RETURNING id",
      [this.kind, id],
    );
    if (rows.length === 0) throw this.invalidGrant(`${this.kind} was already used`);
  }

  async destroy(id: string): Promise<void> {
    await this.db.query("DELETE FROM oauth_models WHERE kind = $1 AND id = $2", [this.kind, id]);
  }

  /** Every code and token of a grant, whatever its kind (revocation, code reuse). */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.query("DELETE FROM oauth_models WHERE grant_id = $1", [grantId]);
  }
}

/** Removes expired rows; run now and then (server start-up does it). */
export async function purgeExpiredOAuthModels(db: Database): Promise<void> {
  await db.query("DELETE FROM oauth_models WHERE expires_at IS NOT NULL AND expires_at < now()");
}
