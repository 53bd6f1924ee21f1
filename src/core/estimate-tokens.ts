/**
 * @module
 * A fast token estimate for planning (does the prompt fit a context window?) and for usage
 * records when an upstream reports none. About four characters a token for text, a flat
 * figure per image; deliberately a little generous so a plan never picks a window too small.
 */
import type { ContentPart, Message } from "./types/message.ts";
import type { CanonicalRequest } from "./types/request.ts";
import type { CanonicalResponse } from "./types/response.ts";

const charsPerToken = 4;
/** Roughly what vendors bill a mid-sized image. */
const tokensPerImage = 800;
const tokensPerMessage = 4;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / charsPerToken);
}

function partTokens(part: ContentPart): number {
  switch (part.type) {
    case "text":
    case "reasoning":
      return estimateTextTokens(part.text);
    case "image":
      return tokensPerImage;
    case "tool-call":
      return estimateTextTokens(part.name) + estimateTextTokens(part.arguments);
    case "tool-result":
      return part.content.reduce((sum, inner) => sum + partTokens(inner), 0);
  }
}

export function estimateMessageTokens(message: Message): number {
  let total = tokensPerMessage;
  for (const part of message.content) total += partTokens(part);
  return total;
}

/** Estimated prompt tokens of a request: system, messages and tool definitions. */
export function estimateInputTokens(request: CanonicalRequest): number {
  let total = 0;
  for (const part of request.system ?? []) total += estimateTextTokens(part.text);
  for (const message of request.messages) total += estimateMessageTokens(message);
  for (const tool of request.tools ?? []) {
    total += estimateTextTokens(tool.name) + estimateTextTokens(tool.description ?? "") + estimateTextTokens(JSON.stringify(tool.parameters));
  }
  return total;
}

/** The text and tool arguments of an answer: what its output tokens are estimated from. */
export function outputTextOf(response: Pick<CanonicalResponse, "content">): string {
  return response.content.map((part) => (part.type === "tool-call" ? part.arguments : part.text)).join("");
}
