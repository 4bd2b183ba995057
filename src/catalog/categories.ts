import type { Product } from "./product.js";
import { CATEGORY_SEPARATOR } from "./product.js";

/** One node of the category tree: "Crèmerie" > "Laits" > "Lait demi-écrémé". */
export interface CategoryNode {
  name: string;
  /** The full path, as products carry it ("Crèmerie > Laits"). */
  path: string;
  /** Products in this category and all below it. */
  count: number;
  children: CategoryNode[];
}

/**
 * The category tree of a set of products (the aisles a storefront or a back office shows),
 * built from their category paths. Children are sorted by name, French collation.
 */
export function buildCategoryTree(products: readonly Pick<Product, "category">[]): CategoryNode[] {
  const root: CategoryNode = { name: "", path: "", count: 0, children: [] };
  const index = new Map<string, CategoryNode>();
  for (const product of products) {
    let parent = root;
    const path: string[] = [];
    for (const name of product.category) {
      path.push(name);
      const key = path.join(CATEGORY_SEPARATOR);
      let node = index.get(key);
      if (!node) {
        node = { name, path: key, count: 0, children: [] };
        index.set(key, node);
        parent.children.push(node);
      }
      node.count++;
      parent = node;
    }
  }
  const collator = new Intl.Collator("fr", { sensitivity: "base" });
  const sort = (nodes: CategoryNode[]) => {
    nodes.sort((a, b) => collator.compare(a.name, b.name));
    for (const n of nodes) sort(n.children);
  };
  sort(root.children);
  return root.children;
}
