import type { CanonicalRequest } from "../../../src/core/types/request.ts";
import { anthropicMessagesDialect } from "../../../src/dialects/anthropic-messages/index.ts";
import { runDialectConformance } from "../conformance.ts";

runDialectConformance({
  dialect: anthropicMessagesDialect,
  skipRequests: {
    "JSON schema output":
      "Anthropic output_config.format carries only the schema: the format name cannot round-trip (encode warns; see request tests)",
  },
  // max_tokens is required on the wire: encoding fills the default when the request has none.
  expectRequest: (sample: CanonicalRequest) => ({ ...sample, maxOutputTokens: sample.maxOutputTokens ?? 4096 }),
  // Anthropic has no status for a failed connection to the model; it answers 5xx api_error.
  errorKindAliases: { connection: "server" },
});
