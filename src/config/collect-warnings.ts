/**
 * @module
 * Things that are valid but probably not what was meant. They never stop a load; the CLI and
 * the gateway print them at startup and on reload.
 */
import type { PathIssue } from "./config-issue.ts";
import { formatField } from "./format-field.ts";
import type { LlmuxConfig } from "./schema.ts";

const secretHeaders = new Set(["authorization", "x-api-key", "api-key", "x-goog-api-key", "proxy-authorization"]);

/** Secrets written into the file end up in backups, diffs and screenshots. */
function findLiteralSecrets(config: LlmuxConfig, interpolatedFields: ReadonlySet<string>): PathIssue[] {
  const issues: PathIssue[] = [];
  for (const [id, provider] of Object.entries(config.providers)) {
    provider.keys.forEach((_, index) => {
      const path = ["providers", id, "keys", index];
      if (!interpolatedFields.has(formatField(path))) {
        issues.push({ path, message: "key written literally in the file; prefer ${VAR} so the secret stays in the environment" });
      }
    });
    for (const name of Object.keys(provider.headers)) {
      const path = ["providers", id, "headers", name];
      if (secretHeaders.has(name.toLowerCase()) && !interpolatedFields.has(formatField(path))) {
        issues.push({ path, message: "credential header written literally in the file; prefer ${VAR}" });
      }
    }
  }
  return issues;
}

function findContradictions(config: LlmuxConfig): PathIssue[] {
  const issues: PathIssue[] = [];
  if (config.routing.strategy === "weighted" && Object.keys(config.routing.weights).length === 0) {
    issues.push({ path: ["routing", "strategy"], message: "\"weighted\" without routing.weights weighs every candidate 1 (plain rotation)" });
  }
  if (config.routing.continuation) {
    issues.push({ path: ["routing", "continuation"], message: "stream continuation is not implemented yet; the flag is ignored" });
  }
  if (config.timeouts.attemptMs > config.timeouts.totalMs) {
    issues.push({ path: ["timeouts", "attemptMs"], message: "longer than timeouts.totalMs, so totalMs cuts every attempt first" });
  }
  if (config.retries.backoffBaseMs > config.retries.backoffMaxMs) {
    issues.push({ path: ["retries", "backoffBaseMs"], message: "larger than retries.backoffMaxMs, so every backoff is backoffMaxMs" });
  }
  if (config.auth.enabled && config.auth.keys.length === 0) {
    issues.push({ path: ["auth", "enabled"], message: "auth is on but auth.keys is empty: every request will be refused" });
  }
  config.fallbackProviders.forEach((id, index) => {
    if (config.providers[id]?.enabled === false) {
      issues.push({ path: ["fallbackProviders", index], message: `provider ${JSON.stringify(id)} is disabled (${formatField(["providers", id, "enabled"])}: false) and will be skipped` });
    }
  });
  return issues;
}

export function collectWarnings(config: LlmuxConfig, interpolatedFields: ReadonlySet<string>): PathIssue[] {
  return [...findLiteralSecrets(config, interpolatedFields), ...findContradictions(config)];
}
