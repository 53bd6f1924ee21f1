/**
 * @module
 * Reads Atlassian Statuspage v2 JSON (`summary.json`, `components.json`), including the
 * incident.io-hosted variant whose component lists may be partial or empty.
 */
import { asRecord, readArray, readString } from "./internal/json-fields.ts";

export interface StatuspageComponent {
  id: string;
  name: string;
  status: string | undefined;
}

export interface StatuspageIncident {
  name: string;
  impact: string | undefined;
  /** Ids of the affected components, from the incident's `components` list. */
  componentIds: string[];
}

export interface StatuspageSnapshot {
  indicator: string | undefined;
  description: string | undefined;
  /** Leaf components only: groups (`group: true`) are dropped. */
  components: StatuspageComponent[];
  incidents: StatuspageIncident[];
}

/** Undefined when the body is not a Statuspage document at all. */
export function parseStatuspageSummary(body: unknown): StatuspageSnapshot | undefined {
  const root = asRecord(body);
  if (!root) return undefined;
  const status = asRecord(root["status"]);
  const componentList = readArray(root, "components");
  if (!status && !componentList) return undefined;
  return {
    indicator: readString(status, "indicator"),
    description: readString(status, "description"),
    components: parseComponents(componentList ?? []),
    incidents: parseIncidents(readArray(root, "incidents") ?? []),
  };
}

/** `components.json` is `{page, components}`; undefined when there is no list. */
export function parseStatuspageComponents(body: unknown): StatuspageComponent[] | undefined {
  const list = readArray(asRecord(body), "components");
  return list ? parseComponents(list) : undefined;
}

function parseComponents(list: unknown[]): StatuspageComponent[] {
  const components: StatuspageComponent[] = [];
  for (const item of list) {
    const record = asRecord(item);
    const name = readString(record, "name");
    if (!record || name === undefined || record["group"] === true) continue;
    components.push({ id: readString(record, "id") ?? name, name, status: readString(record, "status") });
  }
  return components;
}

function parseIncidents(list: unknown[]): StatuspageIncident[] {
  const incidents: StatuspageIncident[] = [];
  for (const item of list) {
    const record = asRecord(item);
    const name = readString(record, "name");
    if (name === undefined) continue;
    const status = readString(record, "status");
    if (status === "resolved" || status === "postmortem") continue;
    const componentIds = (readArray(record, "components") ?? [])
      .map((component) => readString(asRecord(component), "id"))
      .filter((id): id is string => id !== undefined);
    incidents.push({ name, impact: readString(record, "impact"), componentIds });
  }
  return incidents;
}
