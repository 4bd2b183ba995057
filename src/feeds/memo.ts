/**
 * A bounded memo for pure functions of a string (category paths, printed quantities): feeds call
 * them once per row, a million times, on a few hundred distinct values. Past `limit` entries the
 * memo starts over, so memory stays bounded whatever the catalog.
 */
export function memoize<T>(fn: (key: string) => T, limit = 10_000): (key: string) => T {
  let cache = new Map<string, T>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    if (cache.size >= limit) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
