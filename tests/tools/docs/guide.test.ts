/**
 * The guide's examples stay true to the code: the first page only uses what it
 * imports and data files that exist, every component in src/components has an
 * example, and the site versions of the guide rewrite paths and switch code
 * off or on as intended.
 */
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {
  documentedComponents,
  fences,
  firstPageExample,
  notRun,
  oneFolderDown,
  readGuide,
  renderComponentsPage,
  renderFirstPage,
  renderGuidePage,
  section
} from "../../../loaders/tools/docs/guide.js";
import {servedByLoader} from "../../../loaders/tools/docs/data-files.js";
import {SITE_FILES} from "../../../src/lib/site-files.js";
import {OUTPUT_FILES} from "../../../src/schemas/index.js";
import {REPO} from "../../helpers/site.js";

const guide = readGuide();

/** Every `loadData(FileAttachment("<path>"), "<name>")` call in a text. */
function loads(text: string): {path: string; name: string}[] {
  return [...text.matchAll(/loadData\(FileAttachment\("([^"]+)"\),\s*"(\w+)"\)/g)].map((m) => ({path: m[1], name: m[2]}));
}

/** Components: exported functions whose name starts with a capital, per file of src/components. */
function exportedComponents(): string[] {
  const dir = resolve(REPO, "src/components");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => [...readFileSync(resolve(dir, f), "utf8").matchAll(/^export function ([A-Z]\w*)\s*[<(]/gm)].map((m) => m[1]))
    .filter((name) => name !== "Sparkline");
}

describe("section and fences", () => {
  it("cut a section at the next ## heading, ignoring headings inside code", () => {
    const md = "# T\n\n## A\n\n````md\n## not a heading\n````\n\ntext\n\n## B\n\nb\n";
    expect(section(md, "A")).toBe("\n````md\n## not a heading\n````\n\ntext\n");
    expect(() => section(md, "C")).toThrow(/no section "## C"/);
    expect(fences(section(md, "A"))).toEqual([{info: "md", body: "## not a heading"}]);
  });
});

describe("the first page example", () => {
  const page = firstPageExample();

  it("is a whole page: front matter, a heading, code blocks", () => {
    expect(page).toMatch(/^---\ntitle: .+\n---\n/);
    expect(page).toMatch(/^# .+$/m);
    expect(fences(page).filter((f) => f.info === "js").length).toBeGreaterThanOrEqual(3);
  });

  it("imports Plot and Inputs from their packages and never from a CDN", () => {
    expect(page).toContain('import * as Plot from "@observablehq/plot";');
    expect(page).toContain('import * as Inputs from "@observablehq/inputs";');
    expect(page).not.toMatch(/npm:|https?:\/\/cdn|jsdelivr/);
  });

  it("loads data only through loadData, from files a data loader serves, under their registered names", () => {
    const calls = loads(page);
    expect(calls.length).toBeGreaterThan(0);
    expect(page.match(/FileAttachment\(/g)?.length).toBe(calls.length);
    for (const {path, name} of calls) {
      expect(path).toBe(`data/${name}.json`);
      expect(name in OUTPUT_FILES || name in SITE_FILES, name).toBe(true);
      expect(servedByLoader(name), `${path} in the data archive (loaders/site/served.ts)`).toBe(true);
    }
  });

  it("imports local modules that exist", () => {
    for (const m of page.matchAll(/from "\.\/((?:lib|components)\/\w+)\.js"/g)) {
      expect(existsSync(resolve(REPO, `src/${m[1]}.ts`)) || existsSync(resolve(REPO, `src/${m[1]}.js`)), m[1]).toBe(true);
    }
  });
});

describe("every data file the guide loads", () => {
  it("is registered and served", () => {
    const calls = loads(guide);
    expect(calls.length).toBeGreaterThan(10);
    for (const {path, name} of calls) {
      if (name === "region_cross_sell") continue; // the walk-through's new figure, created by the reader
      expect(name in OUTPUT_FILES || name in SITE_FILES, name).toBe(true);
      expect(servedByLoader(name), `${path} in the data archive (loaders/site/served.ts)`).toBe(true);
    }
  });
});

describe("the Components section", () => {
  it("has an example for every component in src/components", () => {
    const documented = new Set(documentedComponents());
    const missing = exportedComponents().filter((c) => !documented.has(c));
    expect(missing, `components without an example in docs/guide.md: ${missing.join(", ")}`).toEqual([]);
  });

  it("calls each component under its own heading", () => {
    const body = section(guide, "Components");
    for (const name of documentedComponents()) {
      const part = body.split(`### ${name}\n`)[1].split("\n### ")[0];
      expect(part, name).toContain(`${name}(`);
      expect(body, name).toMatch(new RegExp(`import \\{${name}\\} from "\\./components/\\w+\\.js";`));
    }
  });
});

describe("the site's versions of the guide", () => {
  it("shows the whole guide without running its code, leaving the example page's own blocks as written", () => {
    const page = renderGuidePage();
    expect(page).toMatch(/^---\ntitle: /);
    expect(page.replace(firstPageExample().trimEnd(), "")).not.toMatch(/^```(js|ts|sql)\s*$/m);
    expect(page).toContain("```js run=false");
    expect(page).toContain("```sql run=false");
    expect(page).toContain(firstPageExample().trimEnd());
    expect(page).toContain("](./data-files)");
  });

  it("runs the first page one folder down", () => {
    const page = renderFirstPage();
    expect(page).toContain('from "../lib/load.js"');
    expect(page).toContain('FileAttachment("../data/explore_accounts.json")');
    expect(page).not.toMatch(/from "\.\/(lib|components)\//);
  });

  it("runs every component example and shows its options", () => {
    const page = renderComponentsPage();
    expect(page).not.toMatch(/^```js\s*$/m);
    expect(page.match(/^```js echo$/gm)?.length).toBe(fences(section(guide, "Components")).filter((f) => f.info === "js").length);
    expect(page).toContain("<summary>Options (from src/components)</summary>");
    expect(page).toContain("DataTable — a sortable, searchable table");
  });

  it("runs no example that loads every account (accounts.json is 110 MB at 200,000 accounts)", () => {
    for (const [name, page] of [["first page", renderFirstPage()], ["components", renderComponentsPage()]]) {
      expect(loads(page).map((l) => l.name), name).not.toContain("accounts");
    }
    expect(loads(section(guide, "Answering a new question in the browser")).map((l) => l.name)).not.toContain("accounts");
  });

  it("notRun touches only top-level live blocks", () => {
    expect(notRun("```sql\nx\n```\n````md\n```js\ny\n```\n````\n```sh\nz\n```")).toBe(
      "```sql run=false\nx\n```\n````md\n```js\ny\n```\n````\n```sh\nz\n```"
    );
    expect(oneFolderDown('import {a} from "./lib/a.js";\nFileAttachment(`data/x.json`)')).toBe(
      'import {a} from "../lib/a.js";\nFileAttachment(`../data/x.json`)'
    );
  });
});
