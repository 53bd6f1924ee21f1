/**
 * @module
 * The bundled data file, validated once when this module is first imported. JSON (not a .ts
 * table) so that scripts/refresh-catalog.ts can rewrite it with JSON.parse/stringify and users
 * can read it; the schema gives it its types back.
 */
import bundledData from "./data/models.json" with { type: "json" };
import { ConfigError } from "../core/errors.ts";
import { findModelProblems } from "./find-model-problems.ts";
import { parseCatalogData, type CatalogData } from "./model-schema.ts";

const dataFile = "src/catalog/data/models.json";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function loadBundledData(): CatalogData {
  const data = parseCatalogData(bundledData, dataFile);
  const problems = findModelProblems(data.models);
  if (problems.length > 0) {
    throw new ConfigError(`Bundled catalog data is inconsistent: ${problems.join("; ")}`, { file: dataFile });
  }
  // Entries are shared by every catalog; freezing them keeps one caller's mutation from leaking.
  return deepFreeze(data);
}

/** The bundled catalog: models and per-provider source notes. Frozen. */
export const bundledCatalogData: CatalogData = loadBundledData();
