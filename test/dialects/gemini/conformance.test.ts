import { runDialectConformance } from "../conformance.ts";
import { geminiDialect } from "../../../src/dialects/gemini/index.ts";

runDialectConformance({
  dialect: geminiDialect,
  // Gemini has no status for a failed connection: it is UNAVAILABLE, as an overloaded model.
  errorKindAliases: { connection: "overloaded" },
});
