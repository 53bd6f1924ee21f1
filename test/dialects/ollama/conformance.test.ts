import type { CanonicalRequest } from "../../../src/core/types/request.ts";
import { defaultSchemaName } from "../../../src/dialects/ollama/decode-request.ts";
import { ollamaDialect } from "../../../src/dialects/ollama/index.ts";
import { runDialectConformance } from "../conformance.ts";

runDialectConformance({
  dialect: ollamaDialect,
  skipRequests: {
    "image as URL": "Ollama takes base64 images only: a URL is dropped with a warning (tested in request.test.ts)",
    "forced tool choice": "Ollama has no tool_choice: dropped with a warning (tested in request.test.ts)",
    "reasoning with signature": "Ollama has no reasoning signature and no thinking budget: dropped with warnings (tested in request.test.ts)",
  },
  skipResponses: {
    "cached prompt": "Ollama reports no cache token counts: dropped with a warning (tested in response.test.ts)",
    "reasoning and cache usage":
      "Ollama has no reasoning signature and reports no cache or reasoning token counts: dropped with warnings (tested in response.test.ts)",
  },
  expectRequest: (sample: CanonicalRequest): CanonicalRequest => {
    const expected = structuredClone(sample);
    // "auto" is Ollama's only behaviour: it has no field, so it does not come back.
    if (expected.toolChoice?.type === "auto") delete expected.toolChoice;
    // Ollama's `format` is the bare schema: the name (a label) comes back as the default.
    if (expected.responseFormat?.type === "json-schema") expected.responseFormat.name = defaultSchemaName;
    return expected;
  },
  errorKindAliases: { connection: "server" },
});
