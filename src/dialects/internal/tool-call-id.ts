/**
 * Gemini and Ollama often return tool calls without ids. Synthesise ids that are stable for
 * the same response, so a client sending the history back gets the same ids again.
 */
export function synthesizeToolCallId(responseId: string, ordinal: number): string {
  const base = responseId.replace(/[^a-zA-Z0-9_-]/g, "").slice(-16) || "llmux";
  return `call_${base}_${ordinal}`;
}

/** Anthropic accepts ids matching `^[a-zA-Z0-9_-]+$`; rewrite others the same way every time. */
export function sanitizeToolCallId(id: string): string {
  return /^[a-zA-Z0-9_-]+$/.test(id) ? id : id.replace(/[^a-zA-Z0-9_-]/g, "_");
}
