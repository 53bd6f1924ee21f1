/**
 * @module
 * Prometheus metrics for `GET /metrics` (prom-client, its own registry so two gateways in
 * one process do not collide): requests, failures by kind, fallbacks, latency and TTFT
 * histograms, tokens and cost. Counters and histograms are counted in plain numbers and
 * handed to prom-client when scraped (deferred-counter.ts, deferred-histogram.ts).
 */
import { Registry } from "prom-client";
import type { FailureKind } from "../core/errors.ts";
import { DeferredCounter, type CounterSeries } from "./deferred-counter.ts";
import { DeferredHistogram, type HistogramSeries } from "./deferred-histogram.ts";

export interface RequestObservation {
  dialect: string;
  provider: string;
  model: string;
  routeMode: string;
  status: number;
  latencyMs: number;
  ttftMs: number | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  costUsd: number | undefined;
}

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** The labelled series one kind of request touches, looked up once per request. */
interface RequestSeries {
  requests: CounterSeries;
  latency: HistogramSeries;
  ttft: HistogramSeries;
  inputTokens: CounterSeries;
  outputTokens: CounterSeries;
  cost: CounterSeries;
  fallback: CounterSeries | undefined;
}

/** Series bundles kept for reuse; past this many label sets the cache starts over. */
const seriesCacheLimit = 10_000;

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #requests = new DeferredCounter({
    name: "llmux_requests_total",
    help: "Requests answered, by ingress dialect, serving provider and model, route mode and status.",
    labelNames: ["dialect", "provider", "model", "route_mode", "status"] as const,
    registry: this.registry,
  });
  readonly #failures = new DeferredCounter({
    name: "llmux_upstream_failures_total",
    help: "Failed upstream attempts, by provider and failure kind.",
    labelNames: ["provider", "kind"] as const,
    registry: this.registry,
  });
  readonly #fallbacks = new DeferredCounter({
    name: "llmux_fallbacks_total",
    help: "Requests served by a fallback (another provider or model).",
    labelNames: ["route_mode"] as const,
    registry: this.registry,
  });
  readonly #latency = new DeferredHistogram({
    name: "llmux_request_duration_seconds",
    help: "Time from request to the last byte of the answer.",
    labelNames: ["dialect", "provider"] as const,
    buckets: latencyBuckets,
    registry: this.registry,
  });
  readonly #ttft = new DeferredHistogram({
    name: "llmux_time_to_first_token_seconds",
    help: "Streams: time from request to the first content sent.",
    labelNames: ["dialect", "provider"] as const,
    buckets: latencyBuckets,
    registry: this.registry,
  });
  readonly #tokens = new DeferredCounter({
    name: "llmux_tokens_total",
    help: "Tokens reported by upstreams, by direction.",
    labelNames: ["provider", "model", "direction"] as const,
    registry: this.registry,
  });
  readonly #cost = new DeferredCounter({
    name: "llmux_cost_usd_total",
    help: "Estimated spend in USD from the catalog's prices.",
    labelNames: ["provider", "model"] as const,
    registry: this.registry,
  });

  readonly #series = new Map<string, RequestSeries>();

  #seriesFor(observation: RequestObservation): RequestSeries {
    const { dialect, provider, model, routeMode } = observation;
    const status = String(observation.status);
    // Length-prefixed where the text is free (provider and model), so label sets never share a key.
    const key = `${dialect} ${routeMode} ${status} ${provider.length}:${provider}${model.length}:${model}`;
    let series = this.#series.get(key);
    if (series === undefined) {
      if (this.#series.size >= seriesCacheLimit) this.#series.clear();
      const isFallback = routeMode === "provider-fallback" || routeMode === "model-fallback";
      series = {
        requests: this.#requests.series({ dialect, provider, model, route_mode: routeMode, status }),
        latency: this.#latency.series({ dialect, provider }),
        ttft: this.#ttft.series({ dialect, provider }),
        inputTokens: this.#tokens.series({ provider, model, direction: "input" }),
        outputTokens: this.#tokens.series({ provider, model, direction: "output" }),
        cost: this.#cost.series({ provider, model }),
        fallback: isFallback ? this.#fallbacks.series({ route_mode: routeMode }) : undefined,
      };
      this.#series.set(key, series);
    }
    return series;
  }

  observeRequest(observation: RequestObservation): void {
    const series = this.#seriesFor(observation);
    series.requests.pending += 1;
    if (series.fallback) series.fallback.pending += 1;
    series.latency.observe(observation.latencyMs / 1000);
    if (observation.ttftMs !== undefined) series.ttft.observe(observation.ttftMs / 1000);
    if (observation.inputTokens !== undefined) series.inputTokens.pending += observation.inputTokens;
    if (observation.outputTokens !== undefined) series.outputTokens.pending += observation.outputTokens;
    if (observation.costUsd !== undefined) series.cost.pending += observation.costUsd;
  }

  observeFailure(provider: string, kind: FailureKind): void {
    this.#failures.series({ provider, kind }).pending += 1;
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
