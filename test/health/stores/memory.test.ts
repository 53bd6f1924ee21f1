import { MemoryHealthStore } from "../../../src/health/stores/memory.ts";
import { runHealthStoreConformance } from "../store-conformance.ts";

runHealthStoreConformance("memory", () => new MemoryHealthStore());
