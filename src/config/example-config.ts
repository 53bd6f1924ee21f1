/**
 * @module
 * The commented starter file `llmux gateway init` writes. It must validate as written, with
 * no environment at all (a test holds it to that), so every `${VAR}` in it has a default or
 * sits in a comment.
 */

const example = `# llmux gateway config.
# Secrets never go in this file: write \${VAR} (or \${VAR:-default}) and keep them in the
# environment. A literal \${ is written $\${. Unknown keys are errors, so typos show up at once.
# Reloaded on save while the gateway runs; an invalid edit is reported and ignored.

# The HTTP listener.
server:
  host: \${LLMUX_HOST:-127.0.0.1}    # 0.0.0.0 exposes the gateway to the network
  port: \${LLMUX_PORT:-9880}
  bodyLimit: 10mb                    # largest request body (images travel inline)
  headersTimeoutMs: 60000            # a client must send its headers within this
  bodyTimeoutMs: 300000              # ... and its whole request within this
  shutdownDeadlineMs: 10000          # on stop, in-flight requests get this long to finish
  memory: lean                       # or throughput: V8 sizes the heap for speed (read at start)

# Providers. Known ones (openai, anthropic, google, openrouter, deepseek, mistral, xai, groq,
# together, moonshot, dashscope, ollama) are found from their usual environment variables
# (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...); list one here to add keys or change settings.
providers:
  openai:
    # Managed keys, tried in order and rotated when one is rate-limited or out of quota:
    # keys: ["\${OPENAI_API_KEY}", "\${OPENAI_API_KEY_2}"]
    passthrough: true                # a caller's own key (Authorization header) is used as is
    enabled: true
  anthropic:
    # keys: ["\${ANTHROPIC_API_KEY}"]
    # baseUrl: https://anthropic-proxy.internal.example   # only to reach it through a proxy
    headers: {}                      # extra headers on every upstream request
  # A custom provider: an endpoint speaking one of the dialects
  # (openai-chat, anthropic-messages, gemini, ollama). dialect and baseUrl are both required.
  local-vllm:
    dialect: openai-chat
    baseUrl: \${VLLM_URL:-http://127.0.0.1:8000/v1}
    models: [llama-3.3-70b-instruct] # the model names it serves ("*" for any)
    enabled: false                   # flip on once the server runs

# Providers tried, in this order, after a model's own provider has failed.
fallbackProviders: [openrouter]

# Per-model fallback chains: when a model fails everywhere, try these models next, in order.
fallbacks:
  gpt-4.1: [claude-sonnet-4-6, gemini-2.5-pro]
  claude-sonnet-4-6: [gpt-4.1]

# Tiers: a name callers may use as the model ("fast", "strong"), mapped to models, best first.
tiers:
  fast: [gpt-4.1-mini, claude-haiku-4-5, gemini-2.5-flash]
  strong: [claude-sonnet-4-6, gpt-4.1, gemini-2.5-pro]

# How candidates are ordered.
routing:
  strategy: priority                 # priority | cost | latency | weighted | least-in-flight
  weights: {}                        # for "weighted": by provider or provider/model, e.g. { openai: 3 }
  autoTier:                          # the tiers model "auto" picks, judged by the request
    simple: fast
    complex: strong
  continuation: false                # reserved: resume a cut stream elsewhere (not implemented yet)

# Upstream time limits, in milliseconds.
timeouts:
  connectMs: 10000                   # TCP + TLS connection
  firstTokenMs: 120000               # request sent -> first token (whole answer when not streaming)
  idleMs: 60000                      # longest silence inside a stream
  attemptMs: 300000                  # one candidate, start to finish
  totalMs: 600000                    # the whole request, every fallback included

# Retrying the same candidate before moving on to the next.
retries:
  maxPerCandidate: 1                 # extra tries on one candidate
  backoffBaseMs: 250                 # first wait; doubles each try ...
  backoffMaxMs: 4000                 # ... up to this
  maxRetryAfterMs: 10000             # a longer Retry-After moves on instead of waiting

# How long a failing key, model or provider is skipped, per kind of failure (ms).
# Kinds not listed keep the built-in policy (rate-limit 10 s growing to 60 s, quota 1 h, ...).
cooldowns:
  rate-limit: 10000
  overloaded: 5000

# Gateway auth. Keys are stored hashed: \`llmux gateway key create\` prints a new key once
# and the entry to paste here.
auth:
  enabled: false
  keys: []
  # keys:
  #   - id: laptop
  #     hash: sha256:<64 hex digits>
  # adminKey: sha256:<64 hex digits>   # for the management API

# Usage and cost records.
usage:
  enabled: true
  store:
    kind: sqlite                     # sqlite | memory (memory forgets on restart)
    path: .llmux/usage.db

# Pre-flight status: skip providers that are down before calling them.
status:
  enabled: true
  statusPages: true                  # read the vendors' public status pages (off when not set)
  # apiBaseUrl: https://status-api.example   # a status API with the aistatus.cc shape
  checkTimeoutMs: 2000               # a lookup never waits longer than this

# Catalog overrides: correct or add model data (prices in USD per million tokens).
catalog:
  models:
    - id: gpt-4.1
      aliases: [gpt4]
      contextWindow: 1047576
      pricing: { input: 2, output: 8 }

# Modes: named overrides of routing, fallbacks, tiers, fallbackProviders and timeouts.
# Objects merge key by key; lists replace. Switch with "mode:" below or at runtime.
modes:
  cheap:
    description: Cheapest first, short chains
    routing: { strategy: cost }
    tiers:
      strong: [gpt-4.1-mini, gemini-2.5-flash]
  offline:
    description: Local models only
    fallbackProviders: []
    tiers:
      fast: [llama3.2]
      strong: [qwen2.5-coder]

# The active mode (must be one of modes); leave unset for the config as written.
# mode: cheap
`;

/** The commented example config, as `llmux gateway init` writes it. */
export function exampleConfig(): string {
  return example;
}
