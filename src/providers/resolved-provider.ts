/**
 * @module
 * A provider ready to call: a table row (or a registration) plus its keys and effective
 * base URL. Holds keys only as `ProviderKey`, so serialising or logging it shows key ids.
 */
import type { DialectId } from "../core/types/message.ts";
import type { HookName } from "./hooks/hook.ts";
import type { ProviderKey } from "./provider-key.ts";
import type { AuthScheme, ProviderRow } from "./table.ts";

export interface ResolvedProvider {
  /** A table id (`openai`) or a registered one (`my-gateway`). */
  readonly id: string;
  readonly name: string;
  readonly dialect: DialectId;
  /** Effective base URL, no trailing slash. */
  readonly baseUrl: string;
  readonly auth: AuthScheme;
  readonly keys: readonly ProviderKey[];
  /** Sent with every request (before auth and hook headers). */
  readonly headers: Readonly<Record<string, string>>;
  readonly hooks: readonly HookName[];
  readonly unsupportedParams: readonly string[];
  readonly modelsPath: string;
  readonly statusPage: string | undefined;
  /** The table row it came from, if any. */
  readonly row: ProviderRow | undefined;
  readonly source: "env" | "registered";
}
