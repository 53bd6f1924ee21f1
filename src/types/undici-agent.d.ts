/** undici's Agent module on its own (see providers/pool.ts); the types are the package's. */
declare module "undici/lib/dispatcher/agent.js" {
  import { Agent } from "undici";
  export default Agent;
}
