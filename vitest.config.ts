import { defineConfig } from "vitest/config";

// Each test file gets its own process: PGlite instances are heavy (hundreds of MB) and
// the PostgreSQL suite uses one schema per worker, so files must not share module state.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
