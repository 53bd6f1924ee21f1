import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, LlmuxError } from "../../src/core/errors.ts";
import { formatConfigIssue } from "../../src/config/config-issue.ts";
import { hashKey } from "../../src/config/gateway-key.ts";
import { parseConfigText } from "../../src/config/parse-config-text.ts";
import { expectInvalid, findIssue, yamlLines } from "./helpers.ts";

const laptopHash = hashKey("llmux_laptop");
const adminHash = hashKey("llmux_admin");

const fullConfig = yamlLines(
  "server:",
  "  host: 0.0.0.0",
  "  port: 8080",
  "  bodyLimit: 2mb",
  "  headersTimeoutMs: 5000",
  "  bodyTimeoutMs: 20000",
  "  shutdownDeadlineMs: 3000",
  "  memory: throughput",
  "providers:",
  "  openai:",
  "    keys: [\"${OPENAI_KEY_1}\", \"${OPENAI_KEY_2}\"]",
  "    baseUrl: https://openai-proxy.example/v1",
  "    headers: { OpenAI-Organization: org-1, X-Retries: 3 }",
  "    passthrough: true",
  "  groq:",
  "    enabled: false",
  "  my-vllm:",
  "    dialect: openai-chat",
  "    baseUrl: http://127.0.0.1:8000/v1",
  "fallbackProviders: [openrouter, together]",
  "fallbacks:",
  "  gpt-4.1: [claude-sonnet-4-6, gemini-2.5-pro]",
  "tiers:",
  "  fast: [gpt-4.1-mini]",
  "routing:",
  "  strategy: weighted",
  "  weights: { openai: 3, anthropic/claude-sonnet-4-6: 0.5 }",
  "  autoTier: { simple: fast, complex: fast }",
  "timeouts:",
  "  connectMs: 1000",
  "  firstTokenMs: 2000",
  "  idleMs: 3000",
  "  attemptMs: 4000",
  "  totalMs: 5000",
  "retries:",
  "  maxPerCandidate: 2",
  "  backoffBaseMs: 100",
  "  backoffMaxMs: 800",
  "  maxRetryAfterMs: 0",
  "cooldowns:",
  "  rate-limit: 1500",
  "  connection: 2500",
  "auth:",
  "  enabled: true",
  "  keys:",
  `    - { id: laptop, hash: "${laptopHash}", description: my laptop }`,
  `  adminKey: "${adminHash}"`,
  "usage:",
  "  store: { kind: memory }",
  "status:",
  "  enabled: true",
  "  statusPages: false",
  "  apiBaseUrl: https://status.example/api",
  "  checkTimeoutMs: 500",
  "catalog:",
  "  models:",
  "    - id: gpt-4.1",
  "      aliases: [gpt4]",
  "      contextWindow: 1000000",
  "      pricing: { input: 2, output: 8 }",
  "modes:",
  "  cheap:",
  "    routing: { strategy: cost }",
  "mode: cheap",
);

describe("parseConfigText: a full valid config", () => {
  it("reads every section", () => {
    const { config, warnings } = parseConfigText(fullConfig, "llmux.yaml", { OPENAI_KEY_1: "sk-one", OPENAI_KEY_2: "sk-two" });
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.server, {
      host: "0.0.0.0",
      port: 8080,
      bodyLimit: 2 * 1024 * 1024,
      headersTimeoutMs: 5000,
      bodyTimeoutMs: 20000,
      shutdownDeadlineMs: 3000,
      memory: "throughput",
    });
    assert.deepEqual(config.providers, {
      openai: {
        keys: ["sk-one", "sk-two"],
        baseUrl: "https://openai-proxy.example/v1",
        headers: { "OpenAI-Organization": "org-1", "X-Retries": "3" },
        passthrough: true,
        enabled: true,
      },
      groq: { keys: [], headers: {}, passthrough: true, enabled: false },
      "my-vllm": { keys: [], headers: {}, passthrough: true, enabled: true, dialect: "openai-chat", baseUrl: "http://127.0.0.1:8000/v1" },
    });
    assert.deepEqual(config.fallbackProviders, ["openrouter", "together"]);
    assert.deepEqual(config.fallbacks, { "gpt-4.1": ["claude-sonnet-4-6", "gemini-2.5-pro"] });
    assert.deepEqual(config.tiers, { fast: ["gpt-4.1-mini"] });
    assert.deepEqual(config.routing, {
      strategy: "weighted",
      weights: { openai: 3, "anthropic/claude-sonnet-4-6": 0.5 },
      autoTier: { simple: "fast", complex: "fast" },
      continuation: false,
    });
    assert.deepEqual(config.timeouts, { connectMs: 1000, firstTokenMs: 2000, idleMs: 3000, attemptMs: 4000, totalMs: 5000 });
    assert.deepEqual(config.retries, { maxPerCandidate: 2, backoffBaseMs: 100, backoffMaxMs: 800, maxRetryAfterMs: 0 });
    assert.deepEqual(config.cooldowns, { "rate-limit": 1500, connection: 2500 });
    assert.deepEqual(config.auth, { enabled: true, keys: [{ id: "laptop", hash: laptopHash, description: "my laptop" }], adminKey: adminHash });
    assert.deepEqual(config.usage, { enabled: true, store: { kind: "memory" } });
    assert.deepEqual(config.status, { enabled: true, statusPages: false, apiBaseUrl: "https://status.example/api", checkTimeoutMs: 500 });
    assert.deepEqual(config.catalog.models, [{ id: "gpt-4.1", aliases: ["gpt4"], contextWindow: 1_000_000, pricing: { input: 2, output: 8 } }]);
    assert.deepEqual(config.modes, { cheap: { routing: { strategy: "cost" } } });
    assert.equal(config.mode, "cheap");
  });

  it("treats an empty file, and sections left empty, as defaults", () => {
    const empty = parseConfigText("", "llmux.yaml", {}).config;
    const blank = parseConfigText(yamlLines("# nothing yet", "server:", "providers:", "  ollama:", "routing:"), "llmux.yaml", {}).config;
    assert.equal(blank.server.port, empty.server.port);
    assert.deepEqual(blank.routing, empty.routing);
    assert.deepEqual(blank.providers, { ollama: { keys: [], headers: {}, passthrough: true, enabled: true } });
  });

  it("accepts sizes with units and numbers written as text", () => {
    const { config } = parseConfigText(yamlLines("server:", "  bodyLimit: 512kb", "  port: \"9000\""), "llmux.yaml", {});
    assert.equal(config.server.bodyLimit, 512 * 1024);
    assert.equal(config.server.port, 9000);
  });
});

describe("parseConfigText: errors name file, line and field", () => {
  it("places a wrong type in a list item on its own line", () => {
    const error = expectInvalid(
      yamlLines(
        "server:", //             1
        "  port: 4000", //        2
        "providers:", //          3
        "  openai:", //           4
        "    keys:", //           5
        "      - sk-first", //    6
        "      - 42", //          7
      ),
    );
    assert.equal(error.issues.length, 1);
    assert.equal(error.message, "llmux.yaml:7: providers.openai.keys[1]: expected string, got number");
    assert.equal(error.file, "llmux.yaml");
    assert.equal(error.line, 7);
    assert.equal(error.field, "providers.openai.keys[1]");
  });

  it("is a ConfigError in the one hierarchy", () => {
    const error = expectInvalid("server: 3\n");
    assert.ok(error instanceof ConfigError);
    assert.ok(LlmuxError.isInstance(error));
    assert.equal(error.code, "config_error");
    assert.equal(error.message, "llmux.yaml:1: server: expected a mapping, got number");
  });

  it("points into nested objects and flow collections", () => {
    const error = expectInvalid(
      yamlLines(
        "routing:", //                                  1
        "  autoTier:", //                               2
        "    simple: fast", //                          3
        "    complex: [strong]", //                     4
        "timeouts: { connectMs: 0, idleMs: 1.5 }", //   5
        "usage:", //                                    6
        "  store:", //                                  7
        "    kind: sqlite", //                          8
        "    path: 7", //                               9
      ),
    );
    assert.deepEqual(
      error.issues.map((issue) => [issue.line, issue.field]),
      [
        [4, "routing.autoTier.complex"],
        [5, "timeouts.connectMs"],
        [5, "timeouts.idleMs"],
        [9, "usage.store.path"],
      ],
    );
    assert.equal(findIssue(error, "timeouts.connectMs").message, "must be greater than 0");
    assert.equal(findIssue(error, "timeouts.idleMs").message, "expected a whole number, got a fraction");
    assert.equal(findIssue(error, "routing.autoTier.complex").message, "expected string, got a list");
  });

  it("quotes keys that are not plain names", () => {
    const error = expectInvalid(yamlLines("fallbacks:", "  gpt-4.1: [ok, 3]"));
    assert.equal(formatConfigIssue(findIssue(error, "fallbacks[\"gpt-4.1\"][1]")), "llmux.yaml:2: fallbacks[\"gpt-4.1\"][1]: expected string, got number");
  });

  it("rejects unknown keys everywhere, suggesting the intended one", () => {
    const error = expectInvalid(
      yamlLines(
        "server:", //               1
        "  prot: 4000", //          2
        "fallback: []", //          3
        "providers:", //            4
        "  openai:", //             5
        "    key: [a]", //          6
        "cooldowns:", //            7
        "  rate-limt: 5", //        8
        "zzz: 1", //                9
      ),
    );
    assert.deepEqual(
      error.issues.map(formatConfigIssue),
      [
        "llmux.yaml:2: server.prot: unknown key (did you mean \"port\"?)",
        "llmux.yaml:3: fallback: unknown key (did you mean \"fallbacks\"?)",
        "llmux.yaml:6: providers.openai.key: unknown key (did you mean \"keys\"?)",
        "llmux.yaml:8: cooldowns.rate-limt: unknown key (did you mean \"rate-limit\"?)",
        "llmux.yaml:9: zzz: unknown key",
      ],
    );
  });

  it("lists the allowed values of an enum, with a suggestion", () => {
    const error = expectInvalid(yamlLines("routing:", "  strategy: cheapest-first", "usage:", "  store: { kind: sqllite }"));
    assert.equal(
      findIssue(error, "routing.strategy").message,
      "expected one of \"priority\", \"cost\", \"latency\", \"weighted\", \"least-in-flight\"",
    );
    assert.equal(findIssue(error, "usage.store.kind").message, "expected one of \"sqlite\", \"memory\" (did you mean \"sqlite\"?)");
    assert.equal(findIssue(error, "usage.store.kind").line, 4);
    assert.equal(findIssue(expectInvalid(yamlLines("server:", "  memory: small")), "server.memory").message, "expected one of \"throughput\", \"lean\"");
  });

  it("reports a missing required field at its parent's line", () => {
    const error = expectInvalid(yamlLines("auth:", "  keys:", "    - id: ci", "    - hash: sha256:abc"));
    assert.equal(formatConfigIssue(findIssue(error, "auth.keys[0].hash")), "llmux.yaml:3: auth.keys[0].hash: required (string)");
    assert.equal(formatConfigIssue(findIssue(error, "auth.keys[1].id")), "llmux.yaml:4: auth.keys[1].id: required (string)");
    assert.match(findIssue(error, "auth.keys[1].hash").message, /^expected "sha256:<64 hex digits>"/);
  });

  it("rejects a mode that does not exist", () => {
    const error = expectInvalid(yamlLines("modes:", "  cheap: {}", "  offline: {}", "mode: chep"));
    assert.equal(
      error.message,
      "llmux.yaml:4: mode: no mode named \"chep\" under \"modes\" (defined modes: cheap, offline); did you mean \"cheap\"?",
    );
    assert.match(expectInvalid("mode: fast\n").message, /no modes are defined/);
  });

  it("needs a baseUrl for a custom provider, and knows the dialects", () => {
    const error = expectInvalid(yamlLines("providers:", "  mine:", "    dialect: openai-chat", "  theirs:", "    dialect: openai", "    baseUrl: ftp://x"));
    assert.equal(formatConfigIssue(findIssue(error, "providers.mine.baseUrl")), "llmux.yaml:2: providers.mine.baseUrl: required when \"dialect\" is set (a custom provider needs its URL)");
    assert.match(findIssue(error, "providers.theirs.dialect").message, /expected one of "openai-chat", "anthropic-messages", "gemini", "ollama"/);
    assert.equal(findIssue(error, "providers.theirs.baseUrl").message, "expected an http(s) URL");
  });

  it("rejects duplicate gateway key ids", () => {
    const hash = hashKey("x");
    const error = expectInvalid(yamlLines("auth:", "  keys:", `    - { id: ci, hash: "${hash}" }`, `    - { id: ci, hash: "${hash}" }`));
    assert.equal(findIssue(error, "auth.keys[1].id").line, 4);
    assert.match(findIssue(error, "auth.keys[1].id").message, /duplicate key id "ci"/);
  });

  it("reports several errors together, in file order", () => {
    const error = expectInvalid(
      yamlLines(
        "mode: nope", //                 1
        "server:", //                    2
        "  port: 70000", //              3
        "retries:", //                   4
        "  maxPerCandidate: -1", //      5
        "tiers:", //                     6
        "  fast: []", //                 7
      ),
    );
    assert.deepEqual(
      error.issues.map((issue) => `${issue.line} ${issue.field}: ${issue.message}`),
      [
        "1 mode: no mode named \"nope\" under \"modes\" (no modes are defined)",
        "3 server.port: must be at most 65535",
        "5 retries.maxPerCandidate: must be at least 0",
        "7 tiers.fast: needs at least one item",
      ],
    );
    assert.equal(error.message.split("\n").length, 4);
    assert.equal(error.line, 1);
  });

  it("reports YAML syntax errors with their line", () => {
    const error = expectInvalid(yamlLines("server:", "  port: 1", "  port: 2"));
    assert.equal(error.issues.length, 1);
    assert.equal(error.issues[0]?.line, 3);
    assert.match(error.message, /^llmux\.yaml:3: YAML: Map keys must be unique/);
    const broken = expectInvalid(yamlLines("server:", "  host: [unclosed"));
    assert.match(broken.message, /^llmux\.yaml:\d+: YAML: /);
  });

  it("needs a mapping at the top level", () => {
    assert.match(expectInvalid("- a\n- b\n").message, /^llmux\.yaml:1: expected a mapping of sections/);
  });

  it("uses the file name it is given", () => {
    assert.match(expectInvalid("server: 1\n", {}, "conf/prod.yaml").message, /^conf\/prod\.yaml:1: server:/);
  });
});

describe("parseConfigText: warnings", () => {
  it("warns about secrets written in the file and contradictions, with lines", () => {
    const { warnings } = parseConfigText(
      yamlLines(
        "providers:", //                                1
        "  openai:", //                                 2
        "    keys: [sk-literal, \"${KEY}\"]", //        3
        "    headers:", //                              4
        "      Authorization: Bearer sk-literal", //    5
        "routing:", //                                  6
        "  strategy: weighted", //                      7
        "auth:", //                                     8
        "  enabled: true", //                           9
      ),
      "llmux.yaml",
      { KEY: "sk-env" },
    );
    assert.deepEqual(
      warnings.map((warning) => `${warning.line} ${warning.field}`),
      ["3 providers.openai.keys[0]", "5 providers.openai.headers.Authorization", "7 routing.strategy", "9 auth.enabled"],
    );
    for (const warning of warnings) assert.doesNotMatch(formatConfigIssue(warning), /sk-literal|sk-env/);
  });
});
