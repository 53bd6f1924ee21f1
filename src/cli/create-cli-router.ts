/**
 * @module
 * The Router behind `chat`, `vision`, `compare` and `plan`: providers from the environment,
 * or from a config file (`--config`) exactly as the gateway would build them. Status pages
 * stay off: the CLI calls no third party unless asked.
 */
import { parseModelOverrides } from "../catalog/index.ts";
import { loadConfigFile, resolveMode } from "../config/index.ts";
import { buildRegistry, cooldownOverridesFromConfig, routerOptionsFromConfig } from "../routing/from-config.ts";
import type { Environment } from "../providers/discover.ts";
import { Router } from "../routing/router.ts";
import { deriveCatalogTiers } from "./catalog-tiers.ts";

export interface CliRouter {
  router: Router;
  close(): Promise<void>;
}

export interface CliRouterOptions {
  env: Environment;
  /** A gateway config file: its providers, tiers, fallbacks and routing settings apply. */
  configPath?: string;
}

export function createCliRouter(options: CliRouterOptions): CliRouter {
  let cli: CliRouter;
  if (options.configPath !== undefined) {
    const { config } = loadConfigFile(options.configPath, { env: options.env });
    const resolved = config.mode === undefined ? config : resolveMode(config, config.mode);
    const router = new Router({
      ...routerOptionsFromConfig(resolved),
      providers: buildRegistry(resolved, options.env, true),
      catalogOverrides: parseModelOverrides(resolved.catalog.models, "catalog.models"),
      healthOptions: { cooldowns: cooldownOverridesFromConfig(resolved) },
      status: false,
    });
    cli = { router, close: () => router.close() };
  } else {
    const router = new Router({ env: options.env, status: false });
    cli = { router, close: () => router.close() };
  }
  const { router } = cli;
  const defined = router.tiers();
  const derived = deriveCatalogTiers(router.catalog, (provider) => router.providers.has(provider));
  for (const [name, models] of Object.entries(derived)) {
    if (!(name in defined)) router.addTier(name, models);
  }
  return cli;
}
