/**
 * @module
 * Error messages shown in management views come from upstream bodies, and some vendors
 * echo part of the key back ("Incorrect API key provided: sk-abc***xyz"). Mask anything
 * key-shaped and bound the length.
 */

const keyShapes: readonly (readonly [RegExp, string])[] = [
  [/\b(?:sk|pk|rk)-[A-Za-z0-9_*-]{6,}/g, "[redacted]"], // OpenAI, Anthropic (sk-ant-...), compatibles
  [/\bAIza[0-9A-Za-z_-]{10,}/g, "[redacted]"], // Google API keys
  [/\b(?:gsk|xai|csk)[-_][A-Za-z0-9_*-]{6,}/g, "[redacted]"], // Groq, xAI, Cerebras
  [/\b(Bearer)\s+[A-Za-z0-9._~+/*=-]{8,}/gi, "$1 [redacted]"],
  [/([?&](?:key|api[_-]?key)=)[^&\s]+/gi, "$1[redacted]"],
];

export const maxMessageLength = 200;

/** A secret-free, bounded version of an upstream error message. */
export function redactMessage(message: string): string {
  let text = message;
  for (const [shape, replacement] of keyShapes) text = text.replace(shape, replacement);
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength - 1)}…` : text;
}
