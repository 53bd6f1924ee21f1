/**
 * @module
 * The strict validator of each dialect, by id: what the simulated vendor checks before it
 * answers (a problem → 400 in the vendor's error format).
 */
import type { DialectId } from "../core/types/message.ts";
import type { RequestHeaders } from "./request-headers.ts";
import { validateAnthropicRequest } from "./validate-anthropic-request.ts";
import { validateGeminiRequest } from "./validate-gemini-request.ts";
import { validateOllamaRequest } from "./validate-ollama-request.ts";
import { validateOpenAIChatRequest } from "./validate-openai-chat-request.ts";

export interface ValidateRequestInput {
  dialect: DialectId;
  body: unknown;
  headers: RequestHeaders;
  query?: Record<string, string>;
  /** Anthropic count_tokens takes no `max_tokens`. */
  countTokens?: boolean;
}

export function validateRequest(input: ValidateRequestInput): string[] {
  switch (input.dialect) {
    case "openai-chat":
      return validateOpenAIChatRequest(input.body, input.headers);
    case "anthropic-messages":
      return validateAnthropicRequest(input.body, input.headers, { countTokens: input.countTokens === true });
    case "gemini":
      return validateGeminiRequest(input.body, input.headers, { query: input.query ?? {} });
    case "ollama":
      return validateOllamaRequest(input.body, input.headers);
  }
}
