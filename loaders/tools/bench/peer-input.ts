/**
 * The pandas peer's input: the bench exports less the rows the pipeline rejected. The
 * peer assumes valid input (it has no row checks), and the bench input carries the
 * sample's planted defects (loaders/tools/sample/defects.ts: an amount "12O.50", a date
 * 2025-02-30, a duplicate line key...), on which pandas stops. So the peer reads a copy of
 * the files it reads without the records that the pipeline's rejects.csv lists: the same
 * rows the pipeline computes on, by the pipeline's own rules (staging/chk_*.sql), never a
 * second spelling of them here. The copy goes into a sibling folder (<input>.peer) and is
 * reused while the exports and the rejected lines are unchanged.
 */
import {copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {once} from "node:events";
import {basename, dirname, join} from "node:path";
import {createInterface} from "node:readline";
import {parseGuardedCsvObjects} from "../../text/csv.js";

/** The exports the peer reads (../shared/peers/pandas_kpis.py: load_lines, load_opportunities, fx_factor). */
export const PEER_FILES = ["invoice_lines", "opportunities", "account_map", "fx_rates"] as const;
const STAMP = "peer-input.json";

export interface PeerInput {
  dir: string;
  /** Records left out of each file that had rejected rows (a file without any is copied as it is, and not listed). */
  dropped: Record<string, number>;
  reused: boolean;
}

/** Where the peer's copy of `input` goes: a sibling folder, never inside the exports. */
export function peerInputDir(input: string): string {
  return join(dirname(input), `${basename(input)}.peer`);
}

/**
 * With the rejected lines, what decides the copy's content: each copied file's name, size and
 * modification time. (The other exports, products and accounts among them, count only through
 * the rows the pipeline rejected because of them, which the key holds.)
 */
export function sourceKey(input: string): string {
  const files = PEER_FILES.map((name) => {
    const path = join(input, `${name}.csv`);
    if (!existsSync(path)) return {name, absent: true};
    const s = statSync(path);
    return {name, size: s.size, mtime: Math.round(s.mtimeMs)};
  });
  return JSON.stringify(files);
}

/** The physical lines (1-based) of the records rejects.csv lists, per export file the peer reads. */
export function rejectedLines(rejectsCsv: string): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>(PEER_FILES.map((name) => [name, new Set<number>()]));
  // read as refresh reads it (summary.ts readQuality): the product's own CSV, cells behind the formula guard
  for (const {file, line} of parseGuardedCsvObjects(readFileSync(rejectsCsv, "utf8"))) {
    if (line) lines.get((file ?? "").replace(/\.csv$/, ""))?.add(Number(line));
  }
  return lines;
}

/**
 * Copies `from` to `to` without the records that start on one of `skip`'s physical lines. A
 * record runs on while its quotes are open (RFC 4180: a quote inside a field is doubled), so
 * a record with a line end in a quoted field goes as a whole. Returns the records left out.
 */
export async function copyWithoutRecords(from: string, to: string, skip: ReadonlySet<number>): Promise<number> {
  const out = createWriteStream(to);
  const lines = createInterface({input: createReadStream(from), crlfDelay: Infinity});
  let lineNo = 0;
  let dropping = false;
  let openQuotes = false;
  let dropped = 0;
  for await (const line of lines) {
    lineNo++;
    if (!openQuotes) {
      dropping = skip.has(lineNo);
      if (dropping) dropped++;
    }
    for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) openQuotes = !openQuotes;
    if (!dropping && !out.write(line + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return dropped;
}

/**
 * The peer's input folder for `input`, whose pipeline run listed its rejected rows in
 * `rejectsCsv`: reused when its stamp matches the exports and those rows, else written afresh
 * (into a temporary sibling, renamed when complete).
 */
export async function preparePeerInput(input: string, rejectsCsv: string): Promise<PeerInput> {
  const dir = peerInputDir(input);
  const skip = rejectedLines(rejectsCsv);
  const key = JSON.stringify({exports: sourceKey(input), rejected: [...skip].map(([name, lines]) => [name, [...lines].sort((a, b) => a - b)])});
  const stamp = join(dir, STAMP);
  if (existsSync(stamp)) {
    try {
      const saved = JSON.parse(readFileSync(stamp, "utf8")) as {key: string; dropped: Record<string, number>};
      if (saved.key === key) return {dir, dropped: saved.dropped, reused: true};
    } catch {
      // an unreadable stamp: written again below
    }
  }
  const work = `${dir}.partial`;
  rmSync(work, {recursive: true, force: true});
  mkdirSync(work, {recursive: true});
  const dropped: Record<string, number> = {};
  for (const name of PEER_FILES) {
    const source = join(input, `${name}.csv`);
    if (!existsSync(source)) continue;
    const lines = skip.get(name)!;
    if (lines.size === 0) copyFileSync(source, join(work, `${name}.csv`));
    else dropped[name] = await copyWithoutRecords(source, join(work, `${name}.csv`), lines);
  }
  writeFileSync(join(work, STAMP), JSON.stringify({key, dropped}) + "\n");
  rmSync(dir, {recursive: true, force: true});
  renameSync(work, dir);
  return {dir, dropped, reused: false};
}
