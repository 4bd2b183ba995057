import type { IncomingMessage, ServerResponse } from "node:http";
import type { OAuthServer, ShopperDirectory } from "./provider.js";
import { consentPage, loginPage, pageLocale } from "./pages.js";

/**
 * The sign-in and consent steps of an authorization request. The provider redirects the
 * browser to `${mountPath}/interaction/:uid`; the shopper signs in (or, already signed in,
 * confirms) and allows the assistant; the provider then redirects to the platform with a code.
 */
export interface InteractionPage {
  status: number;
  html: string;
}

export class OAuthInteractions {
  constructor(
    private readonly server: OAuthServer,
    private readonly shoppers: ShopperDirectory,
  ) {}

  private paths(uid: string) {
    const base = `${this.server.mountPath}/interaction/${encodeURIComponent(uid)}`;
    return { login: `${base}/login`, confirm: `${base}/confirm`, abort: `${base}/abort` };
  }

  private async clientName(clientId: unknown): Promise<string> {
    const client =
      typeof clientId === "string" ? await this.server.provider.Client.find(clientId) : undefined;
    return (client?.clientName as string | undefined) ?? (typeof clientId === "string" ? clientId : "?");
  }

  /** GET: the page for the pending step. Throws when the interaction is unknown or expired. */
  async show(req: IncomingMessage, res: ServerResponse): Promise<InteractionPage> {
    const details = await this.server.provider.interactionDetails(req, res);
    const locale = pageLocale(details.params.ui_locales, req.headers["accept-language"]);
    const p = this.paths(details.uid);
    const clientName = await this.clientName(details.params.client_id);
    const accountId = details.session?.accountId;
    if (details.prompt.name !== "login" && accountId) {
      const shopper = await this.shoppers.getShopper(accountId);
      if (shopper)
        return {
          status: 200,
          html: consentPage({
            locale,
            action: p.confirm,
            abort: p.abort,
            clientName,
            shopperName: shopper.name,
          }),
        };
    }
    return { status: 200, html: loginPage({ locale, action: p.login, abort: p.abort, clientName }) };
  }

  /** POST login: checks the credentials; on success signs in and grants in one step. */
  async login(
    req: IncomingMessage,
    res: ServerResponse,
    form: { email?: string; password?: string },
  ): Promise<InteractionPage | null> {
    const details = await this.server.provider.interactionDetails(req, res);
    const shopper =
      form.email && form.password ? await this.shoppers.checkCredentials(form.email, form.password) : null;
    if (!shopper) {
      const locale = pageLocale(details.params.ui_locales, req.headers["accept-language"]);
      const p = this.paths(details.uid);
      return {
        status: 401,
        html: loginPage({
          locale,
          action: p.login,
          abort: p.abort,
          clientName: await this.clientName(details.params.client_id),
          email: form.email,
          error: true,
        }),
      };
    }
    const grantId = await this.grant(shopper.id, details.params, details.grantId);
    await this.server.provider.interactionFinished(
      req,
      res,
      { login: { accountId: shopper.id }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return null; // the provider answered with its redirect
  }

  /** POST confirm: an already signed-in shopper allows the assistant. */
  async confirm(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await this.server.provider.interactionDetails(req, res);
    const accountId = details.session?.accountId;
    if (!accountId) {
      await this.abort(req, res);
      return;
    }
    const grantId = await this.grant(accountId, details.params, details.grantId);
    await this.server.provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  /** POST abort: the shopper refused; the platform gets access_denied. */
  async abort(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.server.provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The shopper did not allow access" },
      { mergeWithLastSubmission: false },
    );
  }

  /** A grant of exactly the scopes asked for that the server knows. */
  private async grant(
    accountId: string,
    params: Record<string, unknown>,
    existing?: string,
  ): Promise<string> {
    const { Grant } = this.server.provider;
    const clientId = String(params.client_id);
    const found = existing ? await Grant.find(existing) : undefined;
    const grant = found && found.accountId === accountId ? found : new Grant({ accountId, clientId });
    const asked = typeof params.scope === "string" ? params.scope.split(/\s+/).filter(Boolean) : [];
    const known = new Set(["openid", "offline_access", "panier"]);
    const scopes = asked.filter((s) => known.has(s));
    if (scopes.length > 0) grant.addOIDCScope(scopes.join(" "));
    return grant.save();
  }
}
