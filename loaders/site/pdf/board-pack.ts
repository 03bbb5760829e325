/**
 * makeBoardPack: the built report → report.pdf, for a board pack or an e-mail.
 *
 * Serves the site folder on 127.0.0.1 (loaders/tools/serve.ts), prints each section
 * (sections.ts) with the site's print stylesheet in headless Chromium, then a
 * cover sheet (cover.ts) whose contents give the page each section starts on,
 * and joins them with pdf-lib. The file is written under a temporary name and
 * renamed, so a reader never finds half a PDF.
 */
import {existsSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {PDFDocument} from "pdf-lib";
import {manifestSchema, runSchema, type Manifest} from "../../../src/schemas/run.js";
import {serveDir} from "../../tools/serve.js";
import {chromiumPath, launchChromium, noChromiumMessage} from "./browser.js";
import {coverHtml} from "./cover.js";
import {printContext, printHtml, printSection, PrintError, type Paper} from "./print-pages.js";
import {packSections, type Section} from "./sections.js";
import {markBoardPack} from "../board-pack-flag.js";

export interface BoardPackOptions {
  /** The built site (dist/). */
  siteDir: string;
  /** The pipeline's output folder the site was built from (manifest.json, run.json). */
  dataDir: string;
  /** Where to write the PDF; default <siteDir>/report.pdf. */
  out?: string;
  paper?: Paper;
  log?: (message: string) => void;
}

export interface BoardPack {
  path: string;
  pages: number;
  /** Each section and the page it starts on (the cover is page 1). */
  contents: {title: string; path: string; page: number; pages: number}[];
}

/** A missing Chromium, site or pipeline output: the setup must be fixed (exit code 3). */
export class BoardPackSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BoardPackSetupError";
  }
}

function readJson(dir: string, file: string): unknown {
  const path = join(dir, file);
  if (!existsSync(path)) throw new BoardPackSetupError(`${path} not found: the board pack needs the pipeline's output the site was built from (--data DIR).`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new BoardPackSetupError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** manifest.json and run.json's finish time, checked with their schemas. */
export function readRunFacts(dataDir: string): {manifest: Manifest; refreshedAt: string | null} {
  const manifest = manifestSchema.safeParse(readJson(dataDir, "manifest.json"));
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    throw new BoardPackSetupError(`${join(dataDir, "manifest.json")}: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  const run = existsSync(join(dataDir, "run.json")) ? runSchema.safeParse(readJson(dataDir, "run.json")) : null;
  return {manifest: manifest.data, refreshedAt: run?.success ? run.data.finished_at : null};
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

/** Joins PDFs in order into one. */
export async function joinPdfs(parts: Uint8Array[], title: string): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const part of parts) {
    const doc = await PDFDocument.load(part);
    for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
  }
  out.setTitle(title);
  out.setCreator("cross-sell report: npm run pdf");
  out.setProducer("Chromium and pdf-lib");
  return out.save();
}

export async function makeBoardPack(options: BoardPackOptions): Promise<BoardPack> {
  const log = options.log ?? (() => {});
  const paper = options.paper ?? "A4";
  const out = options.out ?? join(options.siteDir, "report.pdf");
  const executable = chromiumPath();
  if (!executable) throw new BoardPackSetupError(noChromiumMessage());
  if (!existsSync(join(options.siteDir, "index.html"))) {
    throw new BoardPackSetupError(`no built report in ${options.siteDir} (no index.html): run \`npm run build\` (or \`npm run refresh\`) first, or pass --dir`);
  }
  const facts = readRunFacts(options.dataDir);

  const sections: Section[] = packSections(options.siteDir);
  const server = await serveDir(options.siteDir);
  const browser = await launchChromium(executable);
  try {
    const context = await printContext(browser, server.url, paper);
    const printed: {section: Section; pdf: Uint8Array; pages: number}[] = [];
    for (const section of sections) {
      const started = Date.now();
      const pdf = await printSection(context, server.url, section, paper);
      const pages = await pageCount(pdf);
      printed.push({section, pdf, pages});
      log(`${section.title}: ${pages} page(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    let page = 2;
    const contents = printed.map(({section, pages}) => {
      const entry = {title: section.title, path: section.path, page, pages};
      page += pages;
      return entry;
    });
    const cover = await printHtml(context, coverHtml({...facts, contents}), paper);
    if ((await pageCount(cover)) !== 1) throw new PrintError("the cover sheet does not fit on one page");
    const pdf = await joinPdfs([cover, ...printed.map((p) => p.pdf)], `Cross-sell report: board pack, data as of ${facts.manifest.as_of}`);
    const tmp = `${out}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, pdf);
      renameSync(tmp, out);
      if (resolve(out) === resolve(options.siteDir, "report.pdf")) markBoardPack(options.siteDir); // the Overview links it now
    } finally {
      rmSync(tmp, {force: true});
    }
    return {path: out, pages: page - 1, contents};
  } finally {
    await browser.close();
    await server.close();
  }
}
