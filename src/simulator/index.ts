/**
 * @module
 * The provider simulator: local fake LLM providers speaking the real wire formats, with
 * scripted faults, and the strict request validators they use. Shipped code: `llmux demo`,
 * the tests, the chaos scorecard and the benchmarks run against it.
 */
export { startSimulatedProvider, type SimulatedProvider } from "./start-simulated-provider.ts";
export {
  pickBehaviour,
  type Behaviour,
  type Script,
  type ScriptFunction,
  type SimulatedEndpoint,
  type SimulatedFailure,
  type SimulatedProviderOptions,
  type SimulatedReasoning,
  type SimulatedReply,
  type SimulatedRequest,
  type SimulatedToolCall,
  type SimulatedUsage,
} from "./behaviour.ts";
export type { RequestHeaders } from "./request-headers.ts";
export { validateOpenAIChatRequest } from "./validate-openai-chat-request.ts";
export { validateAnthropicRequest, type AnthropicValidationOptions } from "./validate-anthropic-request.ts";
export { validateGeminiRequest, type GeminiValidationOptions } from "./validate-gemini-request.ts";
export { validateOllamaRequest } from "./validate-ollama-request.ts";
export { validateRequest, type ValidateRequestInput } from "./validate-request.ts";
