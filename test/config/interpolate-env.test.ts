import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { interpolateText } from "../../src/config/interpolate-env.ts";
import { parseConfigText } from "../../src/config/parse-config-text.ts";
import { expectInvalid, findIssue, yamlLines } from "./helpers.ts";

describe("interpolateText", () => {
  it("replaces present variables, anywhere in the text", () => {
    assert.deepEqual(interpolateText("Bearer ${TOKEN}/${TOKEN}", { TOKEN: "t" }), { ok: true, value: "Bearer t/t" });
  });

  it("uses the default when the variable is unset or empty", () => {
    assert.deepEqual(interpolateText("${PORT:-4000}", {}), { ok: true, value: "4000" });
    assert.deepEqual(interpolateText("${PORT:-4000}", { PORT: "" }), { ok: true, value: "4000" });
    assert.deepEqual(interpolateText("${PORT:-4000}", { PORT: "5000" }), { ok: true, value: "5000" });
    assert.deepEqual(interpolateText("${URL:-http://a:1/b}", {}), { ok: true, value: "http://a:1/b" });
    assert.deepEqual(interpolateText("${EMPTY:-}", {}), { ok: true, value: "" });
  });

  it("keeps $${ as a literal ${", () => {
    assert.deepEqual(interpolateText("$${NOT_A_VAR}", {}), { ok: true, value: "${NOT_A_VAR}" });
  });

  it("reports every unset variable and malformed reference", () => {
    const result = interpolateText("${A}-${B}-${1X}-${C", {});
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.messages.length, 4);
    assert.match(result.messages[0] ?? "", /environment variable A is not set/);
    assert.match(result.messages[1] ?? "", /environment variable B is not set/);
    assert.match(result.messages[2] ?? "", /invalid variable reference/);
    assert.match(result.messages[3] ?? "", /unterminated/);
  });
});

describe("config interpolation", () => {
  it("fills secrets and settings from the environment", () => {
    const { config } = parseConfigText(
      yamlLines("server:", "  port: ${PORT}", "  host: ${HOST:-0.0.0.0}", "providers:", "  openai:", "    keys: [\"${OPENAI_API_KEY}\"]", "    passthrough: ${PASS}"),
      "llmux.yaml",
      { PORT: "8123", OPENAI_API_KEY: "sk-from-env", PASS: "true" },
    );
    assert.equal(config.server.port, 8123);
    assert.equal(config.server.host, "0.0.0.0");
    assert.deepEqual(config.providers["openai"]?.keys, ["sk-from-env"]);
    assert.equal(config.providers["openai"]?.passthrough, true);
  });

  it("never interpolates keys, only values", () => {
    const { config } = parseConfigText(yamlLines("fallbacks:", "  ${MODEL}: [b]"), "llmux.yaml", { MODEL: "a" });
    assert.deepEqual(config.fallbacks, { "${MODEL}": ["b"] });
  });

  it("names a missing variable and where it is used", () => {
    const error = expectInvalid(
      yamlLines(
        "providers:", //                                        1
        "  anthropic:", //                                      2
        "    keys:", //                                         3
        "      - ${ANTHROPIC_API_KEY}", //                      4
        "      - ${ANTHROPIC_API_KEY_2}", //                    5
      ),
      { ANTHROPIC_API_KEY: "sk-ant-present" },
    );
    assert.equal(
      error.message,
      "llmux.yaml:5: providers.anthropic.keys[1]: environment variable ANTHROPIC_API_KEY_2 is not set (export it, or write ${ANTHROPIC_API_KEY_2:-default})",
    );
    assert.doesNotMatch(error.message, /sk-ant-present/);
  });

  it("never echoes an interpolated value in an error", () => {
    const secret = "sk-super-secret-123";
    const env = { SECRET: secret, NUMBERISH: "12.5" };
    const error = expectInvalid(
      yamlLines(
        "server:",
        "  port: ${SECRET}", //                  a secret where a number belongs
        "  host: ${MISSING}",
        "routing:",
        "  strategy: ${SECRET}", //              a secret where an enum belongs
        "usage:",
        "  store: { kind: \"${SECRET}\" }",
        "providers:",
        "  openai:",
        "    baseUrl: ${SECRET}",
        "    keys: [\"${SECRET}\", 7]",
        "timeouts:",
        "  idleMs: ${NUMBERISH}",
        "mode: ${SECRET}",
      ),
      env,
    );
    assert.ok(error.issues.length >= 7, error.message);
    assert.doesNotMatch(error.message, /super-secret|12\.5/);
    assert.doesNotMatch(JSON.stringify(error.toJSON()), /super-secret/);
    assert.match(findIssue(error, "mode").message, /the mode set from the environment is not defined/);
    assert.match(findIssue(error, "server.host").message, /MISSING is not set/);
    assert.equal(findIssue(error, "timeouts.idleMs").message, "expected a whole number, got a fraction");
  });

  it("gives a plain-text value no suggestion built from it", () => {
    const error = expectInvalid(yamlLines("routing:", "  strategy: ${STRATEGY}"), { STRATEGY: "priorty" });
    assert.doesNotMatch(error.message, /did you mean|priorty/);
    const literal = expectInvalid(yamlLines("routing:", "  strategy: priorty"));
    assert.match(literal.message, /did you mean "priority"/);
  });
});
