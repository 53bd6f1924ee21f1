/**
 * @module
 * Prometheus metrics for `GET /metrics` (prom-client, its own registry so two gateways in
 * one process do not collide): requests, failures by kind, fallbacks, latency and TTFT
 * histograms, tokens and cost.
 */
import { Counter, Histogram, Registry } from "prom-client";
import type { FailureKind } from "../core/errors.ts";

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

interface Incrementable {
  inc(value?: number): void;
}

interface Observable {
  observe(value: number): void;
}

/** The labelled series one kind of request touches, looked up once per request. */
interface RequestSeries {
  requests: Incrementable;
  latency: Observable;
  ttft: Observable;
  inputTokens: Incrementable;
  outputTokens: Incrementable;
  cost: Incrementable;
  fallback: Incrementable | undefined;
}

/** Series bundles kept for reuse; past this many label sets the cache starts over. */
const seriesCacheLimit = 10_000;

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({
    name: "llmux_requests_total",
    help: "Requests answered, by ingress dialect, serving provider and model, route mode and status.",
    labelNames: ["dialect", "provider", "model", "route_mode", "status"] as const,
    registers: [this.registry],
  });
  readonly #failures = new Counter({
    name: "llmux_upstream_failures_total",
    help: "Failed upstream attempts, by provider and failure kind.",
    labelNames: ["provider", "kind"] as const,
    registers: [this.registry],
  });
  readonly #fallbacks = new Counter({
    name: "llmux_fallbacks_total",
    help: "Requests served by a fallback (another provider or model).",
    labelNames: ["route_mode"] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: "llmux_request_duration_seconds",
    help: "Time from request to the last byte of the answer.",
    labelNames: ["dialect", "provider"] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly #ttft = new Histogram({
    name: "llmux_time_to_first_token_seconds",
    help: "Streams: time from request to the first content sent.",
    labelNames: ["dialect", "provider"] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly #tokens = new Counter({
    name: "llmux_tokens_total",
    help: "Tokens reported by upstreams, by direction.",
    labelNames: ["provider", "model", "direction"] as const,
    registers: [this.registry],
  });
  readonly #cost = new Counter({
    name: "llmux_cost_usd_total",
    help: "Estimated spend in USD from the catalog's prices.",
    labelNames: ["provider", "model"] as const,
    registers: [this.registry],
  });

  // prom-client hashes a label object on every inc(); resolving the children once per label
  // set keeps that off the request path.
  readonly #series = new Map<string, RequestSeries>();

  #seriesFor(observation: RequestObservation): RequestSeries {
    const { dialect, provider, model, routeMode } = observation;
    const status = String(observation.status);
    const key = `${dialect}\u0000${provider}\u0000${model}\u0000${routeMode}\u0000${status}`;
    let series = this.#series.get(key);
    if (series === undefined) {
      if (this.#series.size >= seriesCacheLimit) this.#series.clear();
      const isFallback = routeMode === "provider-fallback" || routeMode === "model-fallback";
      series = {
        requests: this.#requests.labels({ dialect, provider, model, route_mode: routeMode, status }),
        latency: this.#latency.labels({ dialect, provider }),
        ttft: this.#ttft.labels({ dialect, provider }),
        inputTokens: this.#tokens.labels({ provider, model, direction: "input" }),
        outputTokens: this.#tokens.labels({ provider, model, direction: "output" }),
        cost: this.#cost.labels({ provider, model }),
        fallback: isFallback ? this.#fallbacks.labels({ route_mode: routeMode }) : undefined,
      };
      this.#series.set(key, series);
    }
    return series;
  }

  observeRequest(observation: RequestObservation): void {
    const series = this.#seriesFor(observation);
    series.requests.inc();
    series.fallback?.inc();
    series.latency.observe(observation.latencyMs / 1000);
    if (observation.ttftMs !== undefined) series.ttft.observe(observation.ttftMs / 1000);
    if (observation.inputTokens !== undefined) series.inputTokens.inc(observation.inputTokens);
    if (observation.outputTokens !== undefined) series.outputTokens.inc(observation.outputTokens);
    if (observation.costUsd !== undefined) series.cost.inc(observation.costUsd);
  }

  observeFailure(provider: string, kind: FailureKind): void {
    this.#failures.inc({ provider, kind });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
