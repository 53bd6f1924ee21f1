/**
 * @module
 * The Router: llmux's library face. Plans candidates for a model, tier or model list;
 * skips unhealthy ones before the call (status pages, local health); tries the rest in
 * order with retries and fallback; answers with what happened. Streams fail over until the
 * first content event and end with a terminal error event if they break later.
 */
import { createCatalog, isProviderId, type Catalog } from "../catalog/index.ts";
import { AbortedError, InvalidRequestError, NotFoundError, UpstreamError } from "../core/errors.ts";
import type { Usage } from "../core/types/response.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import { HealthTracker, ProbeScheduler } from "../health/index.ts";
import { createHttpClient, type HttpClient } from "../providers/http-client.ts";
import { ProviderRegistry } from "../providers/registry.ts";
import { resolveTimeouts, type UpstreamTimeouts } from "../providers/timeouts.ts";
import { StatusAPI, type ProviderStatus } from "../status/index.ts";
import { callUpstream, toAttemptError, type UpstreamAnswer, type UpstreamCall } from "./call-upstream.ts";
import { ProviderNotConfigured } from "./errors.ts";
import { execute, type AttemptContext, type Execution } from "./executor.ts";
import { expandCandidates, selectionKey, type Expansion, type Selection } from "./expand-candidates.ts";
import { lookupStatuses } from "./lookup-statuses.ts";
import { buildRequest, type RouteInput } from "./input.ts";
import type { RouterMiddleware } from "./middleware.ts";
import { planCandidates, type Plan } from "./plan.ts";
import { probeProvider } from "./probe-provider.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy.ts";
import { buildRouteResponse, type RouteResponse } from "./route-response.ts";
import { defaultRouterTimeouts, type RouteOptions, type RouterOptions, type RouterRegistration, type RouterStreamEvent, type RouterTimeouts } from "./router-options.ts";
import { createStrategies, type RoutingSignals, type Strategy, type StrategyName } from "./strategies/index.ts";
import { selectModels } from "./select-models.ts";
import { primeStream, type PrimedStream } from "./stream-attempt.ts";
import { findProviderRow } from "../providers/table.ts";

export { defaultRouterTimeouts } from "./router-options.ts";
export type { RouteEvent, RouteOptions, RouterOptions, RouterRegistration, RouterStreamEvent, RouterTimeouts } from "./router-options.ts";

const noStatuses: ReadonlyMap<string, ProviderStatus> = new Map();

export class Router {
  readonly providers: ProviderRegistry;
  readonly catalog: Catalog;
  readonly health: HealthTracker;
  readonly status: StatusAPI | undefined;
  readonly #tiers = new Map<string, string[]>();
  readonly #servedModels = new Map<string, string[]>();
  readonly #fallbacks: Record<string, string[]>;
  readonly #strategies: Record<StrategyName, Strategy> = createStrategies();
  readonly #keyCursor = new Map<string, number>();
  readonly #expansions = new Map<string, Expansion>();
  /** Bumped when registrations or fallback chains change what a selection expands to. */
  #settingsVersion = 0;
  readonly #middleware: RouterMiddleware[];
  readonly #http: HttpClient;
  readonly #ownsHttp: boolean;
  readonly #options: RouterOptions;
  readonly #timeouts: RouterTimeouts;
  readonly #retry: RetryPolicy;
  readonly #checkTimeout: number;
  #probes: ProbeScheduler | undefined;

  constructor(options: RouterOptions = {}) {
    this.#options = options;
    this.providers = options.providers ?? ProviderRegistry.fromEnv(options.env ?? process.env);
    this.catalog = options.catalog ?? createCatalog(options.catalogOverrides ? { overrides: options.catalogOverrides } : {});
    this.health = options.health ?? new HealthTracker(options.healthOptions);
    this.#checkTimeout = options.checkTimeout ?? 2000;
    this.status =
      options.status instanceof StatusAPI
        ? options.status
        : options.status
          ? new StatusAPI({ checkTimeout: this.#checkTimeout, ...options.status })
          : undefined;
    for (const [name, models] of Object.entries(options.tiers ?? {})) this.addTier(name, models);
    for (const [provider, models] of Object.entries(options.servedModels ?? {})) this.#servedModels.set(provider, [...models]);
    this.#fallbacks = { ...options.fallbacks };
    this.#middleware = [...(options.middleware ?? [])];
    this.#http = options.http ?? createHttpClient();
    this.#ownsHttp = options.http === undefined;
    this.#timeouts = { ...defaultRouterTimeouts, ...options.timeouts };
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
    if (options.probes) this.startProbes(options.probes);
  }

  /** An ordered group of models, tried in order (each through every provider that serves it). */
  addTier(name: string, models: string[]): this {
    if (name === "auto") throw new InvalidRequestError('"auto" is reserved: it chooses between tiers.', { param: "tier" });
    if (models.length === 0) throw new InvalidRequestError(`Tier "${name}" needs at least one model.`, { param: "tier" });
    this.#tiers.set(name, [...models]);
    return this;
  }

  tiers(): Record<string, string[]> {
    return Object.fromEntries(this.#tiers);
  }

  /** A custom endpoint, self-hosted gateway or Ollama; `models` says which names it serves. */
  register(registration: RouterRegistration): this {
    const { models, ...provider } = registration;
    this.providers.register(provider);
    if (models) this.#servedModels.set(registration.id, [...models]);
    this.#settingsVersion += 1;
    return this;
  }

  /** A per-model fallback chain, tried after the model's own providers and alternatives. */
  setFallbacks(model: string, fallbacks: string[]): this {
    this.#fallbacks[model] = [...fallbacks];
    this.#settingsVersion += 1;
    return this;
  }

  use(middleware: RouterMiddleware): this {
    this.#middleware.push(middleware);
    return this;
  }

  /** Starts active probes: a cheap GET of each provider's model list, feeding health. */
  startProbes(options: { intervalMs: number; timeoutMs?: number }): void {
    this.#probes?.stop();
    this.#probes = new ProbeScheduler({
      tracker: this.health,
      intervalMs: options.intervalMs,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      targets: () => this.providers.list().map((provider) => ({ provider: provider.id, keyId: provider.keys[0]?.id })),
      probe: (target, signal) => probeProvider(this.providers.require(target.provider), { http: this.#http, signal, keyId: target.keyId }),
    });
    this.#probes.start();
  }

  /** The ordered candidates for a request, and why each skipped one was skipped. No model is called. */
  async plan(input: RouteInput, options: RouteOptions = {}): Promise<Plan> {
    const { request } = buildRequest(input, options, false);
    return this.#plan(request, options);
  }

  async route(input: RouteInput, options: RouteOptions = {}): Promise<RouteResponse> {
    const built = buildRequest(input, options, false);
    const plan = await this.#plan(built.request, options);
    const timeouts = this.#attemptTimeouts(options, false);
    const execution = await this.#execute<UpstreamAnswer>(plan, built.request, options, (context) =>
      callUpstream({ ...this.#upstreamCall(context, timeouts) }).catch((thrown: unknown) => {
        throw toAttemptError(thrown, context);
      }),
    );
    const latencyMs = Date.now() - execution.startedAt;
    execution.settle({ ok: true });
    const answer = execution.value;
    const response = buildRouteResponse({
      response: answer.response,
      raw: answer.raw,
      candidate: execution.candidate,
      keyId: execution.key?.id,
      requestedModel: options.model,
      attempts: execution.attempts,
      skipped: execution.skipped.length > 0 ? [...plan.skipped, ...execution.skipped] : plan.skipped,
      warnings: [...built.warnings, ...answer.warnings],
      costUsd: this.#cost(execution, answer.response.usage),
      latencyMs,
      ttftMs: undefined,
    });
    for (const hooks of this.#middleware) await hooks.afterResponse?.(response);
    return response;
  }

  /** Canonical events, then a final `route` event with what `route()` would have answered. */
  async *stream(input: RouteInput, options: RouteOptions = {}): AsyncGenerator<RouterStreamEvent> {
    const built = buildRequest(input, options, true);
    const plan = await this.#plan(built.request, options);
    const timeouts = this.#attemptTimeouts(options, true);
    const execution = await this.#execute<PrimedStream>(plan, built.request, options, (context) =>
      primeStream({ call: this.#upstreamCall(context, timeouts), firstTokenMs: timeouts.firstByteMs, callerSignal: context.signal }),
    );
    const primed = execution.value;
    let settled = false;
    try {
      for await (const event of primed.events) {
        primed.collector.push(event);
        yield event;
      }
      const error = primed.collector.error;
      settled = true;
      execution.settle(error ? { ok: false, ...(error instanceof UpstreamError ? { error } : {}) } : { ok: true, ttftMs: primed.ttftMs });
      const response = buildRouteResponse({
        response: primed.collector.response,
        raw: primed.collector.response,
        candidate: execution.candidate,
        keyId: execution.key?.id,
        requestedModel: options.model,
        attempts: execution.attempts,
        skipped: [...plan.skipped, ...execution.skipped],
        warnings: [...built.warnings, ...primed.warnings],
        costUsd: this.#cost(execution, primed.collector.response.usage),
        latencyMs: Date.now() - execution.startedAt,
        ttftMs: primed.ttftMs,
      });
      if (!error) for (const hooks of this.#middleware) await hooks.afterResponse?.(response);
      yield { type: "route", response };
    } finally {
      if (!settled) {
        // The consumer stopped early: close the upstream, count nothing against it.
        primed.cancel();
        execution.settle({ ok: false });
      }
    }
  }

  /** Stops probes, status polling and the HTTP pools this router created. */
  async close(): Promise<void> {
    this.#probes?.stop();
    this.status?.stop();
    if (this.#ownsHttp) await this.#http.close();
  }

  #selection(request: CanonicalRequest, options: RouteOptions): { selection: Selection; complexity?: Plan["complexity"] } {
    return selectModels(request, options, { tiers: this.#tiers, autoTier: this.#options.autoTier ?? { simple: "fast", complex: "strong" } });
  }


  /** Plans an already-canonical request (the gateway's entry point). */
  planRequest(request: CanonicalRequest, options: RouteOptions = {}): Promise<Plan> {
    return this.#plan(request, options);
  }

  /**
   * Runs a plan with a caller-supplied try (the gateway forwards bytes on its fast path).
   * Health, retries, key rotation and fallback work as for `route()`.
   */
  executePlan<T>(plan: Plan, request: CanonicalRequest, options: RouteOptions, attempt: (context: AttemptContext) => Promise<T>): Promise<Execution<T>> {
    return this.#execute(plan, request, options, attempt);
  }

  /** The per-try timeouts for a request, as `route()` and `stream()` use them. */
  attemptTimeouts(options: RouteOptions, stream: boolean): UpstreamTimeouts {
    return this.#attemptTimeouts(options, stream);
  }

  /** What one try of `route()`/`stream()` sends: for callers that run their own tries. */
  upstreamCall(context: AttemptContext, timeouts: UpstreamTimeouts): UpstreamCall {
    return this.#upstreamCall(context, timeouts);
  }

  /** The HTTP client this router sends with. */
  get http(): HttpClient {
    return this.#http;
  }

  async #plan(request: CanonicalRequest, options: RouteOptions): Promise<Plan> {
    const { selection, complexity } = this.#selection(request, options);
    const expansion = this.#expand(selection);
    if (expansion.candidates.length === 0 && selection.kind === "model") {
      const home = expansion.skipped[0];
      if (home) {
        const row = findProviderRow(home.provider);
        throw new ProviderNotConfigured(home.provider, row ? (row.keyRequired ? [...row.keyEnv] : [row.baseUrlEnv]) : [], selection.model);
      }
      throw new NotFoundError(
        `No configured provider serves "${selection.model}". Configure its provider, or register one with router.register({ ..., models: ["${selection.model}"] }).`,
      );
    }
    // Without status pages (the default) nothing is looked up: no wait, no set of providers.
    const status = this.status ? await lookupStatuses(this.status, new Set(expansion.candidates.map((candidate) => candidate.provider.id)), this.#checkTimeout) : noStatuses;
    const plan = planCandidates({
      request,
      candidates: expansion.candidates,
      skipped: expansion.skipped,
      prefer: options.prefer ?? [],
      exclude: options.exclude ?? [],
      strategy: this.#strategies[options.strategy ?? this.#options.strategy ?? "priority"],
      strategyContext: { signals: this.#signals(), weights: this.#options.weights ?? {} },
      catalog: this.catalog,
      health: this.health,
      status,
      defaultMaxOutputTokens: this.#options.defaultMaxOutputTokens ?? 4096,
    });
    return complexity ? { ...plan, complexity } : plan;
  }

  /**
   * Candidates for a selection depend only on the catalog, the providers and the router's
   * settings, not on the request: they are worked out once per selection (the plan then
   * filters and orders them per request). Bounded, and dropped when providers change.
   */
  #expand(selection: Selection): Expansion {
    const key = `${this.providers.version}\u0000${this.#settingsVersion}\u0000${selectionKey(selection)}`;
    let expansion = this.#expansions.get(key);
    if (expansion === undefined) {
      expansion = expandCandidates(selection, {
        catalog: this.catalog,
        registry: this.providers,
        servedModels: this.#servedModels,
        fallbacks: this.#fallbacks,
        providerOrder: this.#options.fallbackProviders ?? [],
      });
      if (this.#expansions.size >= 1000) this.#expansions.clear();
      this.#expansions.set(key, expansion);
    }
    return expansion;
  }

  #signals(): RoutingSignals {
    return {
      latencyP50: (provider, model) => {
        const timing = this.health.routeTiming({ provider, model });
        return timing?.ttft.p50Ms ?? timing?.latency.p50Ms;
      },
      inFlight: (provider, model) => this.health.inFlight({ provider, model }),
    };
  }

  #attemptTimeouts(options: RouteOptions, stream: boolean): UpstreamTimeouts {
    const timeouts = { ...this.#timeouts, ...options.timeouts };
    return resolveTimeouts({
      connectMs: timeouts.connectMs,
      firstByteMs: stream ? timeouts.firstTokenMs : timeouts.attemptMs,
      idleMs: timeouts.idleMs,
      totalMs: stream ? timeouts.totalMs : timeouts.attemptMs,
    });
  }

  #upstreamCall(context: AttemptContext, timeouts: UpstreamTimeouts): UpstreamCall {
    return {
      candidate: context.candidate,
      key: context.key,
      request: context.request,
      http: this.#http,
      timeouts,
      signal: context.signal,
      defaultMaxOutputTokens: this.#options.defaultMaxOutputTokens ?? 4096,
    };
  }

  // Not async: a promise chain keeps no suspended frame alive while the upstream answers.
  #execute<T>(
    plan: Plan,
    request: CanonicalRequest,
    options: RouteOptions,
    attempt: (context: AttemptContext) => Promise<T>,
  ): Promise<Execution<T>> {
    const totalMs = options.timeout ?? options.timeouts?.totalMs ?? this.#timeouts.totalMs;
    const deadline = Date.now() + totalMs;
    // One controller for the caller's abort and the deadline (cheaper than AbortSignal.any on
    // every request); both are let go when the call settles.
    const controller = new AbortController();
    let deadlinePassed = false;
    const timer = setTimeout(() => {
      deadlinePassed = true;
      controller.abort();
    }, totalMs);
    timer.unref();
    const caller = options.signal;
    const onCallerAbort = (): void => controller.abort(caller?.reason);
    if (caller?.aborted) controller.abort(caller.reason);
    else caller?.addEventListener("abort", onCallerAbort, { once: true });
    const release = (): void => {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onCallerAbort);
    };
    return execute({
      plan,
      request,
      attempt,
      health: this.health,
      policy: this.#retry,
      middleware: this.#middleware,
      allowFallback: options.allowFallback ?? true,
      signal: controller.signal,
      deadline,
      deadlinePassed: () => deadlinePassed,
      keyCursor: this.#keyCursor,
      ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
    }).then(
      (execution) => {
        const settle = execution.settle;
        execution.settle = (settlement) => {
          release();
          settle(settlement);
        };
        return execution;
      },
      (error: unknown) => {
        release();
        if (error instanceof AbortedError && !caller?.aborted && deadlinePassed) {
          throw new AbortedError(`The request timed out after ${totalMs} ms.`, { cause: error });
        }
        throw error;
      },
    );
  }

  #cost(execution: Execution<unknown>, usage: Usage): number | undefined {
    const provider = execution.candidate.provider.id;
    return this.catalog.costOf(execution.candidate.model, usage, isProviderId(provider) ? provider : undefined);
  }
}
