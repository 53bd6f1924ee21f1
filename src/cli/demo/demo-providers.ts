/**
 * @module
 * The simulated providers behind `llmux demo`, each scripted for one scene, and the gateway
 * config that points at them. Real wire formats on local ports: nothing leaves the machine.
 */
import { configSchema, type LlmuxConfig } from "../../config/index.ts";
import { startSimulatedProvider, type SimulatedProvider } from "../../simulator/index.ts";

export interface DemoProviders {
  /** Anthropic Messages: answers 429, then 529, then normally. */
  anthropic: SimulatedProvider;
  /** OpenAI Chat protocol, like the real OpenRouter: the fallback for Claude models. */
  openrouter: SimulatedProvider;
  /** OpenAI Chat: cuts streamed gpt-4.1-mini answers after three chunks; answers the rest. */
  openai: SimulatedProvider;
  close(): Promise<void>;
}

/** The streamed answer the demo's upstream cuts off. */
export const cutAnswer = "Here is a long answer that the upstream provider cuts off before its end.";
export const cutModel = "gpt-4.1-mini";

export async function startDemoProviders(): Promise<DemoProviders> {
  const started: SimulatedProvider[] = [];
  const start = async (...args: Parameters<typeof startSimulatedProvider>): Promise<SimulatedProvider> => {
    const provider = await startSimulatedProvider(...args);
    started.push(provider);
    return provider;
  };
  const close = async (): Promise<void> => {
    await Promise.all(started.map((provider) => provider.close()));
  };
  try {
    const anthropic = await start({
      dialect: "anthropic-messages",
      script: [{ fail: { kind: "rate-limit" } }, { fail: { kind: "overloaded", status: 529 } }, {}],
    });
    const openrouter = await start({ dialect: "openai-chat" });
    const openai = await start({
      dialect: "openai-chat",
      // A small delay between chunks, so the first words reach the client before the cut.
      script: (request) => (request.stream && request.model === cutModel ? { reply: { text: cutAnswer }, chunkDelayMs: 10, cutAfterChunks: 3 } : {}),
    });
    return { anthropic, openrouter, openai, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export function createDemoConfig(providers: DemoProviders): LlmuxConfig {
  return configSchema.parse({
    providers: {
      anthropic: { baseUrl: providers.anthropic.url, keys: ["demo-anthropic-key"] },
      openrouter: { baseUrl: providers.openrouter.url, keys: ["demo-openrouter-key"] },
      openai: { baseUrl: providers.openai.url, keys: ["demo-openai-key"] },
    },
    fallbackProviders: ["openrouter"],
    retries: { maxPerCandidate: 1, backoffBaseMs: 20, backoffMaxMs: 50 },
    // No cooldowns, so each scene starts from a healthy gateway whatever the one before did.
    cooldowns: { "rate-limit": 0, overloaded: 0, server: 0, connection: 0 },
    usage: { enabled: true, store: { kind: "memory" } },
    status: { enabled: false },
  });
}
