import { MemoryUsageStore } from "../../../src/usage/stores/memory.ts";
import { runUsageStoreConformance } from "../store-conformance.ts";

runUsageStoreConformance("memory", (options) => new MemoryUsageStore(options));
