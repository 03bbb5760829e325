/** The benchmark's printed summary. */

export interface BenchResult {
  scale: number;
  /** null when the input was reused. */
  generationSeconds: number | null;
  reusedInput: boolean;
  inputRows: Record<string, number>;
  bareReadSeconds: number;
  /**
   * Reference: the same files copied into DuckDB tables as text (CREATE TABLE AS SELECT * FROM
   * read_csv(..., all_varchar = true)), the least a pipeline that reports every rejected row
   * must do before checking anything. Null when not measured.
   */
  textLoadSeconds: number | null;
  pipelineSeconds: number;
  /** The pipeline's own steps (run.json), in seconds, in order; empty when it failed. */
  pipelineSteps: {step: string; seconds: number}[];
  pipelineExitCode: number;
  /** The larger of the two memory measures. */
  peakBytes: number;
  timeMaxRssBytes: number | null;
  treePeakRssBytes: number;
  targetRatio: number;
  targetPeakBytes: number;
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

export function formatReport(r: BenchResult): string {
  const ratio = r.bareReadSeconds > 0 ? r.pipelineSeconds / r.bareReadSeconds : Number.POSITIVE_INFINITY;
  const ratioOk = ratio <= r.targetRatio;
  const peakOk = r.peakBytes < r.targetPeakBytes;
  const rows = Object.entries(r.inputRows)
    .map(([file, n]) => `${file} ${n.toLocaleString("en-US")}`)
    .join(", ");
  const lines = [
    `benchmark (scale ${r.scale})`,
    `  input rows:         ${rows}`,
    `  generation:         ${r.reusedInput ? "reused .bench/input" : `${r.generationSeconds?.toFixed(1)} s`}`,
    `  bare DuckDB read:   ${r.bareReadSeconds.toFixed(2)} s`,
    ...(r.textLoadSeconds === null
      ? []
      : [`  text load:          ${r.textLoadSeconds.toFixed(2)} s (reference: the same files into DuckDB tables as text, ${(r.textLoadSeconds / r.bareReadSeconds).toFixed(2)}× bare read)`]),
    `  pipeline:           ${r.pipelineSeconds.toFixed(2)} s${r.pipelineExitCode === 0 ? "" : ` (FAILED, exit ${r.pipelineExitCode})`}`,
    ...r.pipelineSteps.map((s) => `    ${s.step.padEnd(18)}${s.seconds.toFixed(2)} s`),
    `  ratio:              ${ratio.toFixed(2)}× bare read (target ≤ ${r.targetRatio}×) — ${ratioOk ? "met" : "MISSED"}`,
    `  peak memory:        ${mb(r.peakBytes)} (target < ${mb(r.targetPeakBytes)}) — ${peakOk ? "met" : "MISSED"}`,
    `                      /usr/bin/time max RSS ${r.timeMaxRssBytes === null ? "n/a" : mb(r.timeMaxRssBytes)}, process-tree RSS peak ${mb(r.treePeakRssBytes)}`
  ];
  return lines.join("\n") + "\n";
}
