/**
 * @module
 * Which status-page components speak for a provider or a model.
 */

/**
 * A string matches a component name case-insensitively, either whole or without its
 * trailing parenthetical, so "Claude API" matches "Claude API (api.anthropic.com)" but
 * "API" does not match "Claude API". A RegExp is tested against the full name.
 */
export type ComponentPattern = string | RegExp;

/** Components that speak for the models whose id starts with (or matches) `model`. */
export interface ModelComponentRule {
  model: string | RegExp;
  components: ComponentPattern[];
}

export function matchesComponent(name: string, patterns: readonly ComponentPattern[]): boolean {
  const full = name.trim().toLowerCase();
  const bare = full.replace(/\s*\([^)]*\)\s*$/, "");
  return patterns.some((pattern) => {
    if (typeof pattern !== "string") {
      pattern.lastIndex = 0; // a /g or /y pattern keeps state between tests
      return pattern.test(name);
    }
    const wanted = pattern.trim().toLowerCase();
    return wanted === full || wanted === bare;
  });
}

/** The component patterns for a model: its first matching rule, else the provider's own. */
export function selectModelPatterns(
  model: string,
  rules: readonly ModelComponentRule[] | undefined,
  fallback: readonly ComponentPattern[],
): readonly ComponentPattern[] {
  const lower = model.toLowerCase();
  for (const rule of rules ?? []) {
    if (typeof rule.model === "string") {
      if (lower.startsWith(rule.model.toLowerCase())) return rule.components;
      continue;
    }
    rule.model.lastIndex = 0;
    if (rule.model.test(model)) return rule.components;
  }
  return fallback;
}
