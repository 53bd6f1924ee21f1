import assert from "node:assert/strict";
import { test } from "node:test";

test("the public surface is exactly these names", async () => {
  const surface = Object.keys(await import("../src/index.ts")).sort();
  assert.deepEqual(surface, [
    "AbortedError",
    "AllProvidersDown",
    "ConfigError",
    "HealthTracker",
    "InvalidRequestError",
    "LlmuxError",
    "MemoryHealthStore",
    "NotFoundError",
    "ProviderCallFailed",
    "ProviderNotConfigured",
    "ProviderRegistry",
    "Router",
    "StatusAPI",
    "StreamCollector",
    "UnauthorizedError",
    "UpstreamError",
    "anthropicMessagesDialect",
    "classifyFailure",
    "collectStream",
    "createCatalog",
    "defaultCatalog",
    "defaultRouter",
    "defaultRouterTimeouts",
    "dialects",
    "discoverProviders",
    "geminiDialect",
    "getDialect",
    "judgeComplexity",
    "missingProviderHint",
    "ollamaDialect",
    "openaiChatDialect",
    "providerTable",
    "route",
    "setDefaultRouter",
    "stream",
  ]);
});
