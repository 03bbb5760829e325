/**
 * What the benchmark generates, where, and whether an earlier generation can be
 * reused: `<input>/bench-params.json` records the options it was made with.
 */
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {DEFAULT_SAMPLE_OPTIONS, SAMPLE_FILES, type SampleOptions} from "../sample/generate.js";

export const BENCH_FULL = {accounts: 200_000, invoiceLines: 10_000_000, opportunities: 1_000_000} as const;
/** The targets of issue #13, printed beside each measure by `npm run bench`. */
export const TARGETS = {
  /** `npm run build` of the bundled sample: pipeline + site + publish. */
  sampleRefreshSeconds: 20,
  /** The whole refresh at benchmark scale (pipeline + site build). */
  scaleRefreshSeconds: 120,
  distMB: 10,
  /** `npm run dev` until the Overview shows a chart; a saved page shown. */
  previewStartSeconds: 5,
  previewReloadMs: 1000,
  overviewFirstChartMs: 1000,
  overviewKB: 300,
  /** Any page at benchmark scale. */
  pageAtScaleMB: 2,
  /** Pipeline time ÷ the pandas peer's time on the same input. */
  pipelineVsPandas: 1,
  peakMB: 1.5 * 1024
} as const;
export const STAMP_FILE = "bench-params.json";

/**
 * Where the exports of a scale are generated: `.bench/input` at full scale, `.bench/input-scale-<scale>`
 * otherwise. One folder per scale, so that a quick `--scale 0.1` run does not throw away the
 * full-scale exports, whose generation takes minutes, and the next full run reuses them.
 */
export function benchInputDir(root: string, scale: number): string {
  return join(root, scale === 1 ? "input" : `input-scale-${scale}`);
}

export function benchSampleOptions(scale: number, input: string): SampleOptions {
  if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be a number in (0, 10], got ${scale}`);
  return {
    ...DEFAULT_SAMPLE_OPTIONS,
    out: input,
    accounts: Math.max(20, Math.round(BENCH_FULL.accounts * scale)),
    invoiceLines: Math.round(BENCH_FULL.invoiceLines * scale),
    opportunities: Math.round(BENCH_FULL.opportunities * scale),
    gzip: false
  };
}

const GENERATOR_DIR = fileURLToPath(new URL("../sample/", import.meta.url));

/** Hash of the generator's source, so that a changed generator never reuses stale files. */
export function generatorFingerprint(dir = GENERATOR_DIR): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) {
    hash.update(file).update(readFileSync(join(dir, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** What decides the files' content: the options (not where they are written) and the generator version. */
function contentKey(options: SampleOptions): string {
  const {out: _out, ...rest} = options;
  return JSON.stringify({...rest, generator: generatorFingerprint()}, [...Object.keys(rest), "generator"].sort());
}

/** True when `input` holds every file of an earlier generation with the same options. */
export function canReuse(input: string, options: SampleOptions): boolean {
  const stamp = join(input, STAMP_FILE);
  if (!existsSync(stamp)) return false;
  if (!SAMPLE_FILES.every((f) => existsSync(join(input, `${f}.csv`)))) return false;
  try {
    return readFileSync(stamp, "utf8").trim() === contentKey(options);
  } catch {
    return false;
  }
}

/** Written only after a complete generation, so a crash mid-way is never reused. */
export function writeStamp(input: string, options: SampleOptions): void {
  writeFileSync(join(input, STAMP_FILE), contentKey(options) + "\n");
}
