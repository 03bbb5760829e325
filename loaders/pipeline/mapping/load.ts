/**
 * Loads a mapping: a built-in preset (`--preset salesforce`), a mapping file
 * (`--mapping FILE`), or both (the file on top of the preset). A mapping file
 * may `extends` presets or other mapping files (paths relative to it); later
 * layers win key by key, a `null` removes a key of the layer below, and lists
 * replace lists. The merged result is validated once, so every message names
 * the key path as it is written in the files.
 */
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {closestMatch} from "./closest.js";
import {MappingError, parseMapping, type Mapping} from "./schema.js";

export const PRESETS_DIR = join(dirname(fileURLToPath(import.meta.url)), "presets");

export function presetNames(): string[] {
  return readdirSync(PRESETS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `over` on top of `base`: objects merge key by key, null deletes, anything else replaces. */
export function mergeMappings(base: Json, over: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, Json> = {...base};
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = k in out ? mergeMappings(out[k], v) : v;
  }
  return out;
}

function readJson(file: string, what: string): Json {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new MappingError(`Cannot read the ${what} ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new MappingError(`The ${what} ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function presetPath(name: string): string {
  const file = join(PRESETS_DIR, `${name}.json`);
  if (!/^[a-z0-9_-]+$/i.test(name) || !existsSync(file)) {
    const names = presetNames();
    const near = closestMatch(name, names);
    throw new MappingError(
      `Unknown preset "${name}"${near ? ` (did you mean "${near}"?)` : ""}; presets: ${names.join(", ")}`
    );
  }
  return file;
}

/** A file with its `extends` chain resolved (raw JSON, not yet validated). */
function resolveLayers(file: string, what: string, seen: string[]): Json {
  const absolute = resolve(file);
  if (seen.includes(absolute)) throw new MappingError(`Mapping files extend each other in a loop: ${[...seen, absolute].join(" → ")}`);
  const value = readJson(absolute, what);
  if (!isPlainObject(value) || value.extends === undefined) return value;
  const parents = Array.isArray(value.extends) ? value.extends : [value.extends];
  let merged: Json = {};
  for (const parent of parents) {
    if (typeof parent !== "string") throw new MappingError(`Invalid mapping in ${file}:\n  extends: expected a preset name or a file path`, ["extends: expected a preset name or a file path"]);
    // A name without a path separator or .json suffix is a preset.
    const isPreset = !/[\\/]/.test(parent) && !parent.endsWith(".json");
    const parentFile = isPreset ? presetPath(parent) : resolve(dirname(absolute), parent);
    const layer = resolveLayers(parentFile, isPreset ? "preset" : "mapping file", [...seen, absolute]);
    if (isPlainObject(layer)) delete layer.extends;
    merged = mergeMappings(merged, layer);
  }
  return mergeMappings(merged, value);
}

export interface LoadedMapping {
  mapping: Mapping;
  /** What the mapping came from, for messages and the manifest: "preset salesforce", "mapping.json (extends hubspot)". */
  source: string;
  /** Folder that relative paths in the mapping are relative to. */
  baseDir: string;
}

export function loadMapping(opts: {preset?: string; mapping?: string}): LoadedMapping {
  if (!opts.preset && !opts.mapping) throw new MappingError("Give a preset (--preset) or a mapping file (--mapping)");
  let raw: Json = {};
  const parts: string[] = [];
  if (opts.preset) {
    raw = resolveLayers(presetPath(opts.preset), "preset", []);
    parts.push(`preset ${opts.preset}`);
  }
  if (opts.mapping) {
    raw = mergeMappings(raw, resolveLayers(opts.mapping, "mapping file", []));
    parts.push(`mapping file ${opts.mapping}`);
  }
  const source = parts.join(" + ");
  return {mapping: parseMapping(raw, source), source, baseDir: opts.mapping ? dirname(resolve(opts.mapping)) : PRESETS_DIR};
}
