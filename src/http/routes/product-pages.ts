import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { loadProductPage, type ProductPage, productJsonLd } from "../../feeds/index.js";
import type { AppDeps } from "../deps.js";
import { ApiError } from "../errors.js";

/**
 * The storefront page every feed link leads to (`/p/{id}`), plain server-rendered HTML with the
 * product's schema.org JSON-LD embedded, and that JSON-LD on its own. The storefront issue
 * restyles the page; the facts (name, image, price per store, unit price) must stay.
 */
const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** JSON safe inside <script>: no "</script>", no HTML comment openers, no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function euros(cents: number): string {
  return `${(cents / 100).toFixed(2).replace(".", ",")} €`;
}

const BASE_LABELS: Record<string, string> = { "1 kg": "kg", "1 l": "L", "1 ct": "pièce" };

export function renderProductPage(page: ProductPage, jsonLd: unknown): string {
  const rows = page.stores
    .map((s) => {
      const price =
        s.salePriceCents !== null
          ? `<del>${euros(s.priceCents)}</del> <strong>${euros(s.salePriceCents)}</strong>`
          : `<strong>${euros(s.priceCents)}</strong>`;
      const unit = s.unitPrice
        ? `${euros(s.unitPrice.cents)}/${BASE_LABELS[s.unitPrice.base] ?? s.unitPrice.base}`
        : "";
      const promo = s.promotionLabel ? ` <span class="promo">${escapeHtml(s.promotionLabel)}</span>` : "";
      return `<tr data-store="${escapeHtml(s.code)}"><td>${escapeHtml(s.name)}</td><td class="price">${price}${promo}</td><td class="unit-price">${escapeHtml(unit)}</td><td>${s.inStock ? "En stock" : "Rupture"}</td></tr>`;
    })
    .join("\n");
  const image = page.image
    ? `<img src="${escapeHtml(page.image)}" alt="${escapeHtml(page.title)}" width="320">`
    : "";
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} — Panier</title>
<link rel="canonical" href="${escapeHtml(page.link)}">
<script type="application/ld+json">${scriptJson(jsonLd)}</script>
</head>
<body>
<main>
<h1>${escapeHtml(page.title)}</h1>
${image}
${page.brand ? `<p class="brand">${escapeHtml(page.brand)}</p>` : ""}
<p class="size">${escapeHtml(page.quantityText)}</p>
${page.description ? `<p class="description">${escapeHtml(page.description)}</p>` : ""}
<table>
<thead><tr><th>Magasin</th><th>Prix</th><th>Prix unitaire</th><th>Disponibilité</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="category">${escapeHtml(page.category)}</p>
</main>
</body>
</html>
`;
}

const params = z.object({ id: z.string().min(1).max(200) });

const productPages: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  async function load(id: string): Promise<ProductPage> {
    const page = await loadProductPage(deps.db, id, deps.config.publicUrl);
    if (!page)
      throw new ApiError(404, "product_not_found", `No product with the id "${id}" is sold in any store`, {
        id,
      });
    return page;
  }

  app.get(
    "/v1/products/:id/jsonld",
    {
      schema: {
        tags: ["catalog"],
        summary:
          "schema.org Product + Offer (+ UnitPriceSpecification) JSON-LD of a product, one offer per store",
        params,
      },
    },
    async (request, reply) => {
      const page = await load(request.params.id);
      return reply.type("application/ld+json; charset=utf-8").send(JSON.stringify(productJsonLd(page)));
    },
  );

  app.get(
    "/p/:id",
    {
      schema: {
        tags: ["storefront"],
        summary: "Storefront product page (HTML): the target of feed links",
        params,
      },
    },
    async (request, reply) => {
      const page = await load(request.params.id);
      return reply.type("text/html; charset=utf-8").send(renderProductPage(page, productJsonLd(page)));
    },
  );
};

export default productPages;
