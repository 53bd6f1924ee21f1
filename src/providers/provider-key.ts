/**
 * @module
 * An API key that cannot leak by accident: `toString`, `toJSON` and `util.inspect` show
 * only its id (`openai#3f9a2c1b`, a short hash, stable across restarts and key order, so
 * health and rotation state can be kept per key). The secret comes out only via `reveal()`.
 */
import { createHash } from "node:crypto";

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export class ProviderKey {
  readonly id: string;
  readonly #secret: string;

  constructor(providerId: string, secret: string) {
    this.#secret = secret;
    this.id = `${providerId}#${createHash("sha256").update(secret).digest("hex").slice(0, 8)}`;
  }

  /** The secret itself, for the one header that needs it. */
  reveal(): string {
    return this.#secret;
  }

  toString(): string {
    return this.id;
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }

  [inspectSymbol](): string {
    return `ProviderKey(${this.id})`;
  }
}

/** Splits comma-separated key lists, trims them, drops empties and duplicates. */
export function parseKeyList(values: Iterable<string>): string[] {
  const keys: string[] = [];
  for (const value of values) {
    for (const piece of value.split(",")) {
      const key = piece.trim();
      if (key !== "" && !keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

export function createProviderKeys(providerId: string, secrets: Iterable<string>): ProviderKey[] {
  return parseKeyList(secrets).map((secret) => new ProviderKey(providerId, secret));
}
