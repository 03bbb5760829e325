/**
 * Every data file the site ships, made in one process from one pipeline output folder.
 *
 * Before, each file had its own loader process that started tsx, parsed its
 * inputs and validated every row with zod (the pipeline had already done so
 * with the same schema), and every account page had one more: minutes of the
 * build on the sample. Now the loaders in src/data are plain JavaScript that
 * copy a file from the folder this writes (loaders/site/site-cache.mjs).
 *
 * Each input is checked against its schema on a sample of rows (checkSample),
 * shaped (shape.ts) where a page shows a cut of it, and written with its row
 * arrays encoded column by column (src/lib/table-codec.ts; loadData decodes).
 * Inputs are read one at a time so that at 200,000 accounts only one big file
 * is in memory at once.
 *
 * Layout of the prepared folder: data/ holds the files served as data/<name>
 * (served.ts; one archive loader, src/data.tar.js, streams them); the account
 * pages, the accounts list and its search index are archives of their own;
 * pages/ holds the pages made at build time (Definitions, with the bands in
 * force, and the guide's four pages), which plain-JS page loaders copy.
 */
import {mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync} from "node:fs";
import {dirname, join} from "node:path";
import {encodeTables} from "../../src/lib/table-codec.js";
import {outputPath, readOutput} from "./read.js";
import {
  accountPageShards,
  currentFigures,
  overallFigures,
  previousFigures,
  priorityUnits,
  pursueNow,
  rejectsHead,
  retentionBridge,
  sparklineFigures,
  retentionDrilldown,
  topNextBest,
  whiteSpacePage
} from "./shape.js";
import {ACCOUNT_SEARCH_FILE, accountSearchEntries} from "./search.js";
import {overviewSummary} from "./summary.js";
import {tarArchive} from "./tar.mjs";
import {BOARD_PACK_FILE, boardPackJson} from "./board-pack-flag.js";
import {accountsList, concentration, exploreAccounts, ownerTotals} from "./accounts-list.js";
import {toCsv, type CsvColumn} from "../../src/lib/csv.js";
import {COPIED_OUTPUTS, SERVED_DATA_FILES} from "./served.js";
import {DATA_FOLDER, PAGES_FOLDER} from "./site-cache.mjs";
import {definitionsMarkdown} from "./definitions.js";
import {renderComponentsPage, renderFirstPage, renderGuidePage} from "../tools/docs/guide.js";
import {renderDataFiles} from "../tools/docs/data-files.js";

type Reject = ReturnType<typeof readOutput<"rejects">>[number];
const REJECT_COLUMNS: CsvColumn<Reject>[] = (["file", "line", "column", "value", "reason"] as const).map((key) => ({label: key, value: (r) => r[key]}));

/**
 * The rejects download, written again with the people-facing writer (src/lib/csv.ts): every
 * cell guarded against spreadsheet formulas whatever wrote the pipeline's file, and a BOM
 * tells a spreadsheet the text is UTF-8 (as the table downloads do).
 */
export function rejectsDownload(rows: Reject[]): string {
  return "\ufeff" + toCsv(rows, REJECT_COLUMNS);
}

/** The text of a site data file: the value with its row arrays encoded. */
export function siteJson(value: unknown): string {
  return JSON.stringify(encodeTables(value));
}

/**
 * Writes every site data file for the pipeline output `dir` into `cache`
 * (built in a temporary folder, then renamed: readers see all of it or none).
 * Returns the names written.
 */
export function prepareSiteData(dir: string, cache: string): string[] {
  const work = `${cache}.tmp-${process.pid}`;
  rmSync(work, {recursive: true, force: true});
  mkdirSync(work, {recursive: true});
  const written: string[] = [];
  /** A file under `work` (name may hold a folder). */
  const write = (name: string, data: string | Buffer) => {
    mkdirSync(dirname(join(work, name)), {recursive: true});
    writeFileSync(join(work, name), data);
    written.push(name);
  };
  /** A file served as data/<name> from data.tar. */
  const put = (name: string, data: string | Buffer) => write(`${DATA_FOLDER}/${name}`, data);
  try {
    for (const name of COPIED_OUTPUTS) put(`${name}.json`, siteJson(readOutput(name, dir)));

    const figures = readOutput("figures", dir);
    put("figures_all.json", siteJson(overallFigures(figures)));
    put("figures_current.json", siteJson(currentFigures(figures)));
    put("overview_trend.json", siteJson(sparklineFigures(figures)));
    // The Overview links the board pack when there is one: false here, set by markBoardPack
    // (board-pack-flag.ts) once report.pdf is printed into the built site.
    put(BOARD_PACK_FILE, boardPackJson(false));
    put("figures_previous.json", siteJson(previousFigures(figures, readOutput("manifest", dir).period_start)));

    const rejects = readOutput("rejects", dir);
    put("rejects.csv", rejectsDownload(rejects));
    put("rejects_head.json", siteJson(rejectsHead(rejects, 1000)));

    const units = readOutput("demand_units", dir);
    const accounts = readOutput("accounts", dir);
    put("pursue_now.json", siteJson(pursueNow(units, accounts, 10)));
    put("priority_units.json", siteJson(priorityUnits(units)));

    // The pages about accounts load these instead of accounts.json (110 MB at 200,000 accounts).
    const kpis = readOutput("kpis", dir);
    const nextBest = readOutput("next_best_product", dir);
    const list = accountsList(accounts, readOutput("products", dir), kpis, {nextBest: topNextBest(nextBest)});
    put("accounts_summary.json", siteJson(list.summary));
    write("accounts_list.tar", tarArchive([...list.views].map(([key, file]) => ({name: `${key}.json`, data: siteJson(file)}))));
    write("accounts_search.tar", tarArchive(list.search.map((shard, i) => ({name: `${String(i).padStart(2, "0")}.json`, data: siteJson(shard)}))));
    put("concentration.json", siteJson(concentration(accounts)));
    put("team_owners.json", siteJson(ownerTotals(accounts)));
    put("explore_accounts.json", siteJson(exploreAccounts(accounts)));
    const whiteSpace = readOutput("white_space", dir);
    const whiteSpaceShaped = whiteSpacePage(whiteSpace, accounts);
    put("white_space_page.json", siteJson(whiteSpaceShaped));

    // The Overview's "What changed, in words" and the account pages in the site search
    // (read by observablehq.config.ts, not served as a file).
    put(
      "overview_summary.json",
      siteJson(
        overviewSummary({
          kpis,
          previous: previousFigures(figures, kpis.period_start),
          bySegment: whiteSpaceShaped.by_segment,
          products: readOutput("products", dir),
          units
        })
      )
    );
    write(ACCOUNT_SEARCH_FILE, JSON.stringify(accountSearchEntries(accounts)));

    // The Retention page: the bridge over time and by cut at D, and the accounts behind each bar.
    put("retention_bridge.json", siteJson(retentionBridge(readOutput("revenue_bridge", dir))));
    put("retention_drilldown.json", siteJson(retentionDrilldown(readOutput("retention_accounts", dir), accounts)));

    const shards = accountPageShards({
      accounts,
      whiteSpace,
      demandUnits: units,
      history: readOutput("account_history", dir),
      opportunities: readOutput("account_opportunities", dir),
      nextBest
    });
    write("account_pages.tar", tarArchive([...shards].map(([name, shard]) => ({name: `${name}.json`, data: siteJson(shard)}))));

    // The pages made at build time: each had a tsx page loader (about a second each).
    write(`${PAGES_FOLDER}/definitions.md`, definitionsMarkdown(readOutput("manifest", dir).bands));
    write(`${PAGES_FOLDER}/guide/index.md`, renderGuidePage());
    write(`${PAGES_FOLDER}/guide/first-page.md`, renderFirstPage());
    write(`${PAGES_FOLDER}/guide/components.md`, renderComponentsPage());
    write(`${PAGES_FOLDER}/guide/data-files.md`, `---\ntitle: Data files\n---\n\n${renderDataFiles("framework")}`);

    // data.tar serves what the data-file reference promises, no more, no less.
    const served = readdirSync(join(work, DATA_FOLDER)).sort();
    const promised = [...SERVED_DATA_FILES].sort();
    if (served.join("\n") !== promised.join("\n")) {
      throw new Error(`prepare wrote data/ ${served.join(", ")} but loaders/site/served.ts lists ${promised.join(", ")}: keep them in step`);
    }

    writeFileSync(join(work, ".complete"), "");
    if (existsSync(join(cache, ".complete"))) {
      rmSync(work, {recursive: true, force: true}); // another process prepared the same folder meanwhile
      return written;
    }
    rmSync(cache, {recursive: true, force: true}); // an incomplete one left by a killed run
    renameSync(work, cache);
    return written;
  } catch (e) {
    rmSync(work, {recursive: true, force: true});
    throw e;
  }
}
