/**
 * @module
 * Keeps secrets out of error messages and body excerpts: the keys we hold are replaced
 * by their ids, and anything shaped like a well-known vendor key (a caller's passthrough
 * key echoed back, say) is masked too.
 */
import type { ProviderKey } from "./provider-key.ts";

// sk-… (OpenAI, Anthropic sk-ant-, DeepSeek, OpenRouter sk-or-), AIza… (Google),
// gsk_… (Groq), xai-… (xAI), and bearer tokens quoted in messages.
const keyShapes = [
  /\bsk-[A-Za-z0-9_-]{12,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\bgsk_[A-Za-z0-9]{12,}/g,
  /\bxai-[A-Za-z0-9]{12,}/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/-]{12,}=*/gi,
];

// Short strings would mask ordinary words; real keys are far longer.
const minimumKeyLength = 8;

export function redactSecrets(text: string, keys: Iterable<ProviderKey | string> = []): string {
  let result = text;
  for (const key of keys) {
    const secret = typeof key === "string" ? key : key.reveal();
    if (secret.length < minimumKeyLength) continue;
    const label = typeof key === "string" ? "[redacted]" : `[key ${key.id}]`;
    result = result.split(secret).join(label);
  }
  for (const shape of keyShapes) {
    result = result.replace(shape, (match, prefix: unknown) => (typeof prefix === "string" ? `${prefix}[redacted]` : "[redacted]"));
  }
  return result;
}

/** A URL safe to show: credentials in the userinfo and `key=` style query values masked. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactSecrets(url);
  }
  if (parsed.username !== "") parsed.username = "redacted";
  if (parsed.password !== "") parsed.password = "redacted";
  for (const name of [...parsed.searchParams.keys()]) {
    if (/^(key|api[_-]?key|access[_-]?token|token)$/i.test(name)) parsed.searchParams.set(name, "redacted");
  }
  return parsed.toString();
}
