// Enforces DESIGN.md's one-way dependencies between the folders of src/.
// Each folder lists the folders it may import; anything else fails `npm run deps:check`.
// Other folders are reached only through their index.ts (a folder's public face).
const allowed = {
  language: [],
  db: [],
  catalog: ["language", "db"],
  stores: ["catalog", "language", "db"],
  commerce: ["catalog", "stores", "language", "db"],
  understanding: ["catalog", "language"],
  resolution: ["understanding", "catalog", "language", "commerce", "stores"],
  // dialog keeps conversation state in the database (any node takes the next turn) through db's
  // Database handle and tables; only db itself talks to the driver.
  dialog: ["resolution", "understanding", "catalog", "language", "commerce", "stores", "db"],
  identity: ["commerce", "language", "db"],
  channels: ["dialog", "identity", "language"],
  feeds: ["catalog", "stores", "commerce", "language", "db"],
  recipes: ["resolution", "understanding", "commerce", "catalog", "language"],
  insights: ["commerce", "catalog", "language", "db"],
};
const all = [...Object.keys(allowed), "http", "cli"];

const forbidden = Object.entries(allowed).map(([from, ok]) => {
  const others = all.filter((f) => f !== from && !ok.includes(f));
  return {
    name: `${from}-direction`,
    comment: `src/${from} may import only: ${ok.join(", ") || "nothing inside src"} (DESIGN.md)`,
    severity: "error",
    from: { path: `^src/${from}/` },
    to: { path: `^src/(${others.join("|")})/` },
  };
});

forbidden.push({
  name: "through-index-only",
  comment: "Import another folder only through its index.ts",
  severity: "error",
  from: { path: "^src/([^/]+)/" },
  to: { path: "^src/([^/]+)/.+", pathNot: ["^src/$1/", "^src/[^/]+/index\\.ts$"] },
});
forbidden.push({
  name: "no-circular",
  severity: "error",
  from: {},
  to: { circular: true },
});

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.ts$" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
