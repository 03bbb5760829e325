/** The benchmark's printed summary. */

export interface BenchResult {
  scale: number;
  /** null when the input was reused. */
  generationSeconds: number | null;
  reusedInput: boolean;
  inputRows: Record<string, number>;
  bareReadSeconds: number;
  pipelineSeconds: number;
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
    `  pipeline:           ${r.pipelineSeconds.toFixed(2)} s${r.pipelineExitCode === 0 ? "" : ` (FAILED, exit ${r.pipelineExitCode})`}`,
    `  ratio:              ${ratio.toFixed(2)}× bare read (target ≤ ${r.targetRatio}×) — ${ratioOk ? "met" : "MISSED"}`,
    `  peak memory:        ${mb(r.peakBytes)} (target < ${mb(r.targetPeakBytes)}) — ${peakOk ? "met" : "MISSED"}`,
    `                      /usr/bin/time max RSS ${r.timeMaxRssBytes === null ? "n/a" : mb(r.timeMaxRssBytes)}, process-tree RSS peak ${mb(r.treePeakRssBytes)}`
  ];
  return lines.join("\n") + "\n";
}
