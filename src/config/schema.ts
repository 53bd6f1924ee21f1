/**
 * @module
 * The config file's schema, section by section, and `LlmuxConfig`, the validated type inferred
 * from it. Every object is strict: an unknown key is an error, so a typo never passes silently.
 * Defaults live here, next to the field they fill.
 */
import { z } from "zod";
import {
  booleanSchema,
  byteSizeSchema,
  countSchema,
  dialectIds,
  durationMsSchema,
  failureKinds,
  headerValueSchema,
  httpUrlSchema,
  keyHashSchema,
  nameSchema,
  portSchema,
  priceSchema,
  timeoutMsSchema,
  tokenCountSchema,
  weightSchema,
  withEmptyAsDefault,
} from "./schema-primitives.ts";

const serverSchema = z.strictObject({
  /** Loopback by default: exposing the gateway is a deliberate choice. */
  host: nameSchema.default("127.0.0.1"),
  port: portSchema.default(9880),
  /** Largest request body accepted; base64 images make 10 MiB a sane floor. */
  bodyLimit: byteSizeSchema.default(10 * 1024 ** 2),
  headersTimeoutMs: timeoutMsSchema.default(60_000),
  bodyTimeoutMs: timeoutMsSchema.default(300_000),
  /** How long a graceful shutdown lets in-flight requests finish. */
  shutdownDeadlineMs: durationMsSchema.default(10_000),
  /**
   * `lean` caps how far V8 grows the heap past what is live (lower peak memory, a few more
   * full GCs); `throughput` leaves the sizing to V8. Applied at start, for the whole process.
   */
  memory: z.enum(["throughput", "lean"]).default("lean"),
});

const providerSchema = z.strictObject({
  /** Managed keys, rotated in order. Write them as `${VAR}`, never literally. */
  keys: z.array(nameSchema).default([]),
  baseUrl: httpUrlSchema.optional(),
  headers: z.record(z.string(), headerValueSchema).default({}),
  /** Hybrid mode: after the managed keys, try the caller's own key for this provider. */
  passthrough: booleanSchema.default(true),
  enabled: booleanSchema.default(true),
  /** Set for a custom provider (then `baseUrl` is required too). */
  dialect: z.enum(dialectIds).optional(),
  /** Models a custom provider serves (`"*"` for any name); table providers serve the catalog's. */
  models: z.array(nameSchema).optional(),
});

const providerListSchema = z.array(nameSchema);
const modelListSchema = z.array(nameSchema);

const strategySchema = z.enum(["priority", "cost", "latency", "weighted", "least-in-flight"]);

const autoTierFields = { simple: nameSchema, complex: nameSchema };

const routingSchema = z.strictObject({
  strategy: strategySchema.default("priority"),
  /** By provider id or `provider/model`; candidates not listed weigh 1. */
  weights: z.record(z.string(), weightSchema).default({}),
  /** Which tier `tier: "auto"` picks for a simple and for a complex request. */
  autoTier: withEmptyAsDefault(
    z.strictObject({ simple: autoTierFields.simple.default("fast"), complex: autoTierFields.complex.default("strong") }),
  ).prefault({}),
  /** Reserved: continue a cut stream on another candidate. Off until implemented. */
  continuation: booleanSchema.default(false),
});

const routingOverrideSchema = z.strictObject({
  strategy: strategySchema.optional(),
  weights: z.record(z.string(), weightSchema).optional(),
  autoTier: z.strictObject(autoTierFields).partial().optional(),
  continuation: booleanSchema.optional(),
});

const timeoutFields = {
  connectMs: timeoutMsSchema,
  firstTokenMs: timeoutMsSchema,
  idleMs: timeoutMsSchema,
  attemptMs: timeoutMsSchema,
  totalMs: timeoutMsSchema,
};

const timeoutsSchema = z.strictObject({
  connectMs: timeoutFields.connectMs.default(10_000),
  /** Request sent → first token (or the whole answer when not streaming). */
  firstTokenMs: timeoutFields.firstTokenMs.default(120_000),
  /** Longest silence between two chunks of a stream. */
  idleMs: timeoutFields.idleMs.default(60_000),
  /** One candidate, start to finish. */
  attemptMs: timeoutFields.attemptMs.default(300_000),
  /** The whole request, every fallback included. */
  totalMs: timeoutFields.totalMs.default(600_000),
});

const timeoutsOverrideSchema = z.strictObject(timeoutFields).partial();

const retriesSchema = z.strictObject({
  /** Extra tries on the same candidate before moving to the next one. */
  maxPerCandidate: countSchema.default(1),
  backoffBaseMs: durationMsSchema.default(250),
  backoffMaxMs: durationMsSchema.default(4_000),
  /** A longer Retry-After skips to the next candidate instead of waiting in the request. */
  maxRetryAfterMs: durationMsSchema.default(10_000),
});

const keyEntrySchema = z.strictObject({
  id: nameSchema,
  hash: keyHashSchema,
  description: z.string().optional(),
});

const authSchema = z.strictObject({
  enabled: booleanSchema.default(false),
  keys: z.array(keyEntrySchema).default([]),
  adminKey: keyHashSchema.optional(),
});

const storeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("sqlite"), path: nameSchema.default(".llmux/usage.db") }),
  z.strictObject({ kind: z.literal("memory") }),
]);

const usageSchema = z.strictObject({
  enabled: booleanSchema.default(true),
  store: storeSchema.prefault({ kind: "sqlite" }),
});

const statusSchema = z.strictObject({
  /** Pre-flight status checks as a whole. */
  enabled: booleanSchema.default(true),
  /** The vendors' public status pages. Off unless asked: llmux calls no third party by default. */
  statusPages: booleanSchema.default(false),
  /** Root of a status API (aistatus.cc shape); none by default. */
  apiBaseUrl: httpUrlSchema.optional(),
  checkTimeoutMs: timeoutMsSchema.default(2_000),
});

const ratesFields = { input: priceSchema, output: priceSchema, cacheRead: priceSchema.optional(), cacheWrite: priceSchema.optional() };
const pricingSchema = z.strictObject({
  ...ratesFields,
  tiers: z.array(z.strictObject({ ...ratesFields, aboveInputTokens: tokenCountSchema })).optional(),
});

/** Mirrors the catalog's override shape; the catalog checks provider ids when it applies them. */
const modelOverrideSchema = z.strictObject({
  id: nameSchema,
  provider: nameSchema.optional(),
  vendor: nameSchema.optional(),
  family: nameSchema.optional(),
  tier: z.enum(["fast", "balanced", "strong", "reasoning"]).optional(),
  aliases: z.array(nameSchema).optional(),
  providerIds: z.record(z.string(), nameSchema).optional(),
  capabilities: z
    .strictObject({ vision: booleanSchema, tools: booleanSchema, jsonSchema: booleanSchema, reasoning: booleanSchema, streaming: booleanSchema })
    .partial()
    .optional(),
  contextWindow: tokenCountSchema.optional(),
  maxOutputTokens: tokenCountSchema.optional(),
  pricing: pricingSchema.partial().optional(),
  providerPricing: z.record(z.string(), pricingSchema.partial()).optional(),
  deprecated: z.string().optional(),
});

const catalogSchema = z.strictObject({ models: z.array(modelOverrideSchema).default([]) });

/** A mode overrides a few sections; absent fields keep the base config's value. */
const modeSchema = z.strictObject({
  description: z.string().optional(),
  routing: withEmptyAsDefault(routingOverrideSchema).optional(),
  fallbacks: z.record(z.string(), modelListSchema).optional(),
  tiers: z.record(z.string(), modelListSchema.min(1)).optional(),
  fallbackProviders: providerListSchema.optional(),
  timeouts: withEmptyAsDefault(timeoutsOverrideSchema).optional(),
});

export const configSchema = z.strictObject({
  server: withEmptyAsDefault(serverSchema).prefault({}),
  providers: withEmptyAsDefault(z.record(z.string(), withEmptyAsDefault(providerSchema))).prefault({}),
  /** Providers tried, in order, after the model's home provider. */
  fallbackProviders: providerListSchema.default([]),
  /** Per-model chains: model → the models to try next, in order. */
  fallbacks: withEmptyAsDefault(z.record(z.string(), modelListSchema)).prefault({}),
  /** Tier name → its models, best first. */
  tiers: withEmptyAsDefault(z.record(z.string(), modelListSchema.min(1))).prefault({}),
  routing: withEmptyAsDefault(routingSchema).prefault({}),
  timeouts: withEmptyAsDefault(timeoutsSchema).prefault({}),
  retries: withEmptyAsDefault(retriesSchema).prefault({}),
  /** Per failure kind, ms; kinds not listed keep the health module's defaults. */
  cooldowns: withEmptyAsDefault(z.partialRecord(z.enum(failureKinds), durationMsSchema)).prefault({}),
  auth: withEmptyAsDefault(authSchema).prefault({}),
  usage: withEmptyAsDefault(usageSchema).prefault({}),
  status: withEmptyAsDefault(statusSchema).prefault({}),
  catalog: withEmptyAsDefault(catalogSchema).prefault({}),
  modes: withEmptyAsDefault(z.record(z.string(), withEmptyAsDefault(modeSchema))).prefault({}),
  /** The active mode; must name one of `modes`. */
  mode: nameSchema.optional(),
});

export type LlmuxConfig = z.output<typeof configSchema>;
export type ServerConfig = LlmuxConfig["server"];
export type ProviderConfig = LlmuxConfig["providers"][string];
export type RoutingConfig = LlmuxConfig["routing"];
export type TimeoutsConfig = LlmuxConfig["timeouts"];
export type RetriesConfig = LlmuxConfig["retries"];
export type AuthConfig = LlmuxConfig["auth"];
export type GatewayKeyEntry = AuthConfig["keys"][number];
export type UsageConfig = LlmuxConfig["usage"];
export type StatusConfig = LlmuxConfig["status"];
export type ModelOverrideConfig = LlmuxConfig["catalog"]["models"][number];
export type ModeConfig = LlmuxConfig["modes"][string];
