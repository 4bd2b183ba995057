import { escapeHtml } from "./provider.js";

/** The sign-in and consent page a shopper sees when linking a voice assistant, fr or en. */
export type PageLocale = "fr" | "en";

/** ui_locales (OAuth parameter) first, then Accept-Language; French by default. */
export function pageLocale(uiLocales: unknown, acceptLanguage: string | undefined): PageLocale {
  const wanted = `${typeof uiLocales === "string" ? uiLocales : ""} ${acceptLanguage ?? ""}`.toLowerCase();
  const fr = wanted.search(/\bfr/);
  const en = wanted.search(/\ben/);
  if (en >= 0 && (fr < 0 || en < fr)) return "en";
  return "fr";
}

const TEXT = {
  fr: {
    title: "Relier votre compte Panier",
    intro: (client: string) =>
      `<strong>${client}</strong> souhaite accéder à votre compte Panier pour remplir votre panier, réserver un créneau et passer commande en votre nom, toujours après votre confirmation.`,
    email: "Adresse e-mail",
    password: "Mot de passe",
    signIn: "Se connecter et autoriser",
    signedInAs: (name: string) => `Connecté en tant que <strong>${name}</strong>.`,
    allow: "Autoriser",
    deny: "Refuser",
    badCredentials: "E-mail ou mot de passe incorrect.",
    revoke: "Vous pourrez retirer cet accès à tout moment depuis l'application de l'assistant.",
  },
  en: {
    title: "Link your Panier account",
    intro: (client: string) =>
      `<strong>${client}</strong> would like to access your Panier account to fill your basket, book a slot and place orders for you, always after you confirm.`,
    email: "Email address",
    password: "Password",
    signIn: "Sign in and allow",
    signedInAs: (name: string) => `Signed in as <strong>${name}</strong>.`,
    allow: "Allow",
    deny: "Deny",
    badCredentials: "Wrong email or password.",
    revoke: "You can remove this access at any time from the assistant's app.",
  },
} as const;

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1d1d1b}" +
  "label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}" +
  "button{margin-top:1rem;padding:.6rem 1rem;font-size:1rem}.error{color:#b00020}.muted{color:#666;font-size:.9rem}";

function page(locale: PageLocale, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${TEXT[locale].title}</title><style>${STYLE}</style></head><body><h1>${TEXT[locale].title}</h1>${body}</body></html>`;
}

export function loginPage(opts: {
  locale: PageLocale;
  action: string;
  abort: string;
  clientName: string;
  email?: string;
  error?: boolean;
}): string {
  const t = TEXT[opts.locale];
  return page(
    opts.locale,
    `<p>${t.intro(escapeHtml(opts.clientName))}</p>` +
      (opts.error ? `<p class="error" role="alert">${t.badCredentials}</p>` : "") +
      `<form method="post" action="${escapeHtml(opts.action)}">` +
      `<label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(opts.email ?? "")}">` +
      `<label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required>` +
      `<button type="submit">${t.signIn}</button></form>` +
      `<form method="post" action="${escapeHtml(opts.abort)}"><button type="submit">${t.deny}</button></form>` +
      `<p class="muted">${t.revoke}</p>`,
  );
}

export function consentPage(opts: {
  locale: PageLocale;
  action: string;
  abort: string;
  clientName: string;
  shopperName: string;
}): string {
  const t = TEXT[opts.locale];
  return page(
    opts.locale,
    `<p>${t.intro(escapeHtml(opts.clientName))}</p><p>${t.signedInAs(escapeHtml(opts.shopperName))}</p>` +
      `<form method="post" action="${escapeHtml(opts.action)}"><button type="submit">${t.allow}</button></form>` +
      `<form method="post" action="${escapeHtml(opts.abort)}"><button type="submit">${t.deny}</button></form>` +
      `<p class="muted">${t.revoke}</p>`,
  );
}
