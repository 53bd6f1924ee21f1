import { openaiChatDialect } from "../../../src/dialects/openai-chat/index.ts";
import { runDialectConformance } from "../conformance.ts";

runDialectConformance({
  dialect: openaiChatDialect,
  skipRequests: {
    "reasoning with signature":
      "Chat Completions has no field for a reasoning signature nor a reasoning token budget; both are dropped with a warning (tested in request.test.ts).",
  },
  skipResponses: {
    "reasoning and cache usage":
      "Chat Completions cannot return a reasoning signature; it is dropped with a warning. Reasoning and cache usage are tested without a signature in response.test.ts and stream.test.ts.",
  },
  // OpenAI has no status of its own for a failed connection: 502 reads back as a server error.
  errorKindAliases: { connection: "server" },
});
