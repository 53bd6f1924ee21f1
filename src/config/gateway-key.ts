/**
 * @module
 * Gateway keys are stored hashed (`sha256:<hex>`), so a leaked config file leaks no key.
 * A plain SHA-256 is enough here because the keys are 256-bit random strings, not
 * passwords: there is nothing to brute-force, so a slow KDF would only slow every request.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const hashPattern = /^sha256:([0-9a-f]{64})$/;

/** The stored form of a key: `sha256:` + 64 lowercase hex digits. */
export function hashKey(plain: string): string {
  return `sha256:${createHash("sha256").update(plain, "utf8").digest("hex")}`;
}

/** Does `plain` hash to `hash`? Constant-time in the key; false for a malformed hash. */
export function verifyKey(plain: string, hash: string): boolean {
  const match = hashPattern.exec(hash);
  if (match?.[1] === undefined) return false;
  const expected = Buffer.from(match[1], "hex");
  const actual = createHash("sha256").update(plain, "utf8").digest();
  return timingSafeEqual(actual, expected);
}

/**
 * The id of the entry `plain` matches, or undefined. Checks every entry, so the time taken
 * does not reveal which one matched.
 */
export function matchGatewayKey(plain: string, entries: readonly { id: string; hash: string }[]): string | undefined {
  let matched: string | undefined;
  for (const entry of entries) {
    if (verifyKey(plain, entry.hash) && matched === undefined) matched = entry.id;
  }
  return matched;
}

export interface GeneratedGatewayKey {
  id: string;
  /** Show once to the user; never store it. */
  key: string;
  /** What goes in `auth.keys[].hash`. */
  hash: string;
}

/** A fresh key for `llmux gateway key create`: `llmux_` + 32 random bytes, base64url. */
export function generateGatewayKey(id: string = `key-${randomBytes(4).toString("hex")}`): GeneratedGatewayKey {
  const key = `llmux_${randomBytes(32).toString("base64url")}`;
  return { id, key, hash: hashKey(key) };
}
