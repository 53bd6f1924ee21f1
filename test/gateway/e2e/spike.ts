import OpenAI from "openai";
import { parseConfigText } from "../../../src/config/index.ts";
import { startGateway } from "../../../src/gateway/serve.ts";
import { MemoryUsageStore } from "../../../src/usage/stores/memory.ts";
import { startSimulatedProvider } from "../../../src/simulator/index.ts";

const oa = await startSimulatedProvider({ dialect: "openai-chat", apiKeys: ["sk-good"] });
const an = await startSimulatedProvider({ dialect: "anthropic-messages" });
const yaml = `
providers:
  openai: { keys: [], baseUrl: "${oa.url}" }
  anthropic: { keys: ["ak"], baseUrl: "${an.url}" }
`;
const parsed = parseConfigText(yaml, "test.yaml", {});
console.log(parsed.warnings);
const usage = new MemoryUsageStore();
const gw = await startGateway({ config: parsed.config, port: 0, usage, status: false, auto: false });
const client = new OpenAI({ apiKey: "sk-good", baseURL: `${gw.url}/openai/v1`, maxRetries: 0 });
const { data, response } = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi there" }], service_tier: "flex" }).withResponse();
console.log(data, Object.fromEntries([...response.headers].filter(([k]) => k.startsWith("x-llmux"))));
console.log(oa.requests.map(r => [r.headers.authorization, r.bodyText]));
const r2 = await client.chat.completions.create({ model: "claude-haiku-4-5", messages: [{ role: "user", content: "hi there" }], stream: true });
for await (const c of r2) console.log(JSON.stringify(c));
console.log(await usage.query());
await gw.close(); await oa.close(); await an.close();
