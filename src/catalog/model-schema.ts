/**
 * @module
 * Schemas for the bundled data file and for user overrides. Both are checked once, where they
 * enter (module load, `createCatalog`), so the rest of the catalog works on trusted values.
 */
import { z } from "zod";
import { ConfigError } from "../core/errors.ts";
import { providerIds, tiers, type ModelEntry, type ModelOverride, type ProviderId, type SourceNote } from "./model-types.ts";

const providerIdSchema = z.enum(providerIds);
const priceSchema = z.number().finite().nonnegative();
const tokenCountSchema = z.number().int().positive();

const ratesShape = {
  input: priceSchema,
  output: priceSchema,
  cacheRead: priceSchema.optional(),
  cacheWrite: priceSchema.optional(),
};
const priceTierSchema = z.strictObject({ ...ratesShape, aboveInputTokens: tokenCountSchema });
const pricingSchema = z.strictObject({ ...ratesShape, tiers: z.array(priceTierSchema).optional() });

const capabilitiesSchema = z.strictObject({
  vision: z.boolean(),
  tools: z.boolean(),
  jsonSchema: z.boolean(),
  reasoning: z.boolean(),
  streaming: z.boolean(),
});

const nameSchema = z.string().trim().min(1);

const modelEntrySchema = z.strictObject({
  id: nameSchema,
  provider: providerIdSchema,
  vendor: nameSchema,
  family: nameSchema,
  tier: z.enum(tiers),
  aliases: z.array(nameSchema),
  providerIds: z.partialRecord(providerIdSchema, nameSchema),
  capabilities: capabilitiesSchema,
  contextWindow: tokenCountSchema,
  maxOutputTokens: tokenCountSchema,
  pricing: pricingSchema,
  providerPricing: z.partialRecord(providerIdSchema, pricingSchema).optional(),
  released: z.string().optional(),
  deprecated: z.string().optional(),
  source: z.string().optional(),
  checked: z.string().optional(),
});

const catalogFileSchema = z.object({
  version: z.literal(1),
  updated: z.string(),
  providers: z.record(providerIdSchema, z.strictObject({ source: z.string(), checked: z.string() })),
  models: z.array(modelEntrySchema),
});

const modelOverrideSchema = z.strictObject({
  id: nameSchema,
  provider: providerIdSchema.optional(),
  vendor: nameSchema.optional(),
  family: nameSchema.optional(),
  tier: z.enum(tiers).optional(),
  aliases: z.array(nameSchema).optional(),
  providerIds: z.partialRecord(providerIdSchema, nameSchema).optional(),
  capabilities: capabilitiesSchema.partial().optional(),
  contextWindow: tokenCountSchema.optional(),
  maxOutputTokens: tokenCountSchema.optional(),
  pricing: pricingSchema.partial().optional(),
  providerPricing: z.partialRecord(providerIdSchema, pricingSchema.partial()).optional(),
  deprecated: z.string().optional(),
});

export interface CatalogData {
  models: ModelEntry[];
  providers: Record<ProviderId, SourceNote>;
}

function toConfigError(error: z.ZodError, where: { file?: string; prefix?: string; label: string }): ConfigError {
  const issue = error.issues[0];
  const path = issue === undefined ? [] : issue.path.map(String);
  const field = [where.prefix, ...path].filter((part) => part !== undefined && part !== "").join(".");
  return new ConfigError(`Invalid ${where.label} at ${field || "(root)"}: ${issue?.message ?? "invalid value"}`, {
    file: where.file,
    field: field || undefined,
    cause: error,
  });
}

/** Validates the bundled data file's shape. Throws ConfigError naming the bad field. */
export function parseCatalogData(value: unknown, file?: string): CatalogData {
  const result = catalogFileSchema.safeParse(value);
  if (!result.success) throw toConfigError(result.error, { file, label: "catalog data" });
  return result.data;
}

/** Validates user overrides (from config). Throws ConfigError naming the bad field. */
export function parseModelOverrides(value: unknown, prefix = "models"): ModelOverride[] {
  const result = z.array(modelOverrideSchema).safeParse(value);
  if (!result.success) throw toConfigError(result.error, { prefix, label: "model override" });
  return result.data;
}
