/**
 * @module
 * `GET /status` (admin): what the gateway knows about its upstreams right now. Every
 * configured provider with its keys (by key id only, never a key), its own health and each
 * (provider, model) route seen so far: state, error rate, recent errors, cooldown left and
 * why, latency and TTFT percentiles, calls in flight. Then the status-page view (absent
 * when status checks are off) and the modes. It reads `health/` and `status/` only.
 */
import type { CooldownReason, HealthSnapshot, HealthState, RecentError, ScopeHealth } from "../../health/index.ts";
import { redactUrl } from "../../providers/redact-secrets.ts";
import type { Handler } from "../context.ts";
import { sendJson } from "../http/respond.ts";
import type { GatewayRuntime } from "../runtime.ts";
import { listProviderStatuses } from "./provider-status.ts";

const iso = (epochMs: number | undefined): string | null => (epochMs === undefined ? null : new Date(epochMs).toISOString());

function describeReason(reason: CooldownReason): Record<string, unknown> {
  return { kind: reason.kind, status: reason.status ?? null, message: reason.message, at: iso(reason.at) };
}

function describeError(error: RecentError): Record<string, unknown> {
  return { kind: error.kind, status: error.status ?? null, message: error.message, at: iso(error.at) };
}

/** One scope's health, with `null` (not absence) for what is unknown. */
function describeHealth(scope: ScopeHealth | undefined): Record<string, unknown> {
  if (!scope) {
    const unknown = { p50Ms: null, p95Ms: null };
    return {
      state: "healthy" satisfies HealthState,
      errorRate: null,
      requests: 0,
      failures: 0,
      consecutiveFailures: 0,
      inFlight: 0,
      cooldown: null,
      recentErrors: [],
      latency: unknown,
      ttft: unknown,
      lastSuccessAt: null,
      lastFailureAt: null,
    };
  }
  const cooldown = scope.cooldown;
  return {
    state: scope.state,
    errorRate: scope.errorRate ?? null,
    requests: scope.requests,
    failures: scope.failures,
    consecutiveFailures: scope.consecutiveFailures,
    inFlight: scope.inFlight,
    cooldown:
      cooldown === undefined
        ? null
        : { remainingMs: cooldown.remainingMs, until: iso(cooldown.until), reason: describeReason(cooldown.reason), probeInFlight: cooldown.probeInFlight },
    recentErrors: scope.recentErrors.map(describeError),
    latency: { p50Ms: scope.latency.p50Ms ?? null, p95Ms: scope.latency.p95Ms ?? null },
    ttft: { p50Ms: scope.ttft.p50Ms ?? null, p95Ms: scope.ttft.p95Ms ?? null },
    lastSuccessAt: iso(scope.lastSuccessAt),
    lastFailureAt: iso(scope.lastFailureAt),
  };
}

function describeProviders(runtime: GatewayRuntime, snapshot: HealthSnapshot): Array<Record<string, unknown>> {
  const configured = runtime.registry.list();
  // Routes of providers no longer configured (or reached by passthrough only) still show.
  const ids = [...new Set([...configured.map((provider) => provider.id), ...snapshot.routes.map((route) => route.provider), ...snapshot.providers.map((scope) => scope.provider)])];
  return ids.map((id) => {
    const provider = runtime.registry.get(id);
    const keyIds = new Set([...(provider?.keys.map((key) => key.id) ?? []), ...snapshot.keys.filter((scope) => scope.provider === id).map((scope) => scope.keyId ?? "")]);
    return {
      id,
      configured: provider !== undefined,
      ...(provider ? { name: provider.name, dialect: provider.dialect, baseUrl: redactUrl(provider.baseUrl) } : {}),
      ...describeHealth(snapshot.providers.find((scope) => scope.provider === id)),
      keys: [...keyIds].map((keyId) => ({ id: keyId, ...describeHealth(snapshot.keys.find((scope) => scope.provider === id && scope.keyId === keyId)) })),
      routes: snapshot.routes.filter((scope) => scope.provider === id).map((scope) => ({ model: scope.model ?? null, ...describeHealth(scope) })),
    };
  });
}

export const statusRoute: Handler = async function status(_request, response, context, runtime) {
  const snapshot = runtime.health.snapshot();
  const providers = describeProviders(runtime, snapshot);
  const statusPages = await listProviderStatuses(
    runtime,
    runtime.registry.list().map((provider) => provider.id),
  );
  sendJson(
    response,
    200,
    {
      at: new Date().toISOString(),
      healthWindowMs: snapshot.windowMs,
      mode: { active: runtime.activeMode ?? null, available: runtime.modes() },
      providers,
      ...(statusPages === undefined
        ? {}
        : {
            statusPages: statusPages.map((entry) => ({
              provider: entry.provider,
              status: entry.status,
              isAvailable: entry.isAvailable,
              source: entry.source,
              updatedAt: entry.updatedAt?.toISOString() ?? null,
              detail: entry.detail ?? null,
            })),
          }),
    },
    { "x-request-id": context.requestId },
  );
};
