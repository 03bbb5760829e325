/**
 * docs/guide.md is the single source of the analyst's guide. The site shows it
 * through page loaders in src/guide/, rendered here:
 *   - /guide           the whole guide, code shown but not run;
 *   - /guide/first-page the "Your first page" example, running;
 *   - /guide/components the Components section, every example running, each
 *                      beside the options comment at the top of its file.
 * Pages under src/guide/ sit one folder down, so the examples' paths (written
 * for a page in src/) are rewritten to climb one level.
 */
import {readFileSync, readdirSync} from "node:fs";
import {basename, resolve} from "node:path";

const REPO = resolve(import.meta.dirname, "../../..");
export const GUIDE_PATH = resolve(REPO, "docs/guide.md");
export const COMPONENTS_DIR = resolve(REPO, "src/components");

export function readGuide(path = GUIDE_PATH): string {
  return readFileSync(path, "utf8");
}

/** The body of the `## heading` section (up to the next `## `), outside code fences. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  let fence: string | null = null;
  let start = -1;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const f = /^(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1];
      else if (line.startsWith(fence) && line.trim() === fence) fence = null;
      continue;
    }
    if (fence !== null || !line.startsWith("## ")) continue;
    if (start >= 0) {
      end = i;
      break;
    }
    if (line.slice(3).trim() === heading) start = i + 1;
  }
  if (start < 0) throw new Error(`docs/guide.md has no section "## ${heading}"`);
  return lines.slice(start, end).join("\n");
}

export interface Fence {
  /** The info string after the backticks, e.g. "js", "md". */
  info: string;
  body: string;
}

/** Top-level fenced code blocks of a markdown text, in order. */
export function fences(markdown: string): Fence[] {
  const out: Fence[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== open[1]) body.push(lines[j++]);
    out.push({info: open[2].trim(), body: body.join("\n")});
    i = j;
  }
  return out;
}

/** The complete example page of "Your first page" (its ```` ```md ```` block). */
export function firstPageExample(markdown = readGuide()): string {
  const page = fences(section(markdown, "Your first page")).find((f) => f.info === "md");
  if (!page) throw new Error('docs/guide.md: the section "Your first page" has no ```md example page');
  return `${page.body}\n`;
}

/** Rewrites paths written for a page in src/ for a page one folder down. */
export function oneFolderDown(code: string): string {
  return code
    .replace(/(from\s+["'])\.\/(lib|components)\//g, "$1../$2/")
    .replace(/FileAttachment\((["'`])data\//g, "FileAttachment($1../data/");
}

/** Links of docs/guide.md that point at other docs, as site links from /guide/*. */
function siteLinks(markdown: string): string {
  return markdown
    .replace(/\]\(data-files\.md\)/g, "](./data-files)")
    .replace(/\]\(\.\.\/src\/explore\.md\)/g, "](../explore)");
}

/** Languages whose fenced blocks Framework runs (or renders) unless marked run=false. */
const LIVE_LANGUAGES = ["js", "ts", "jsx", "tsx", "tex", "html", "sql", "svg", "dot", "mermaid"];

/** Turns every top-level live block (```js, ```sql, …) into a shown, not run, block. */
export function notRun(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split("\n")
    .map((line) => {
      const m = /^(`{3,})(\S*)\s*$/.exec(line) ?? /^(`{3,})(\S*)\s.*$/.exec(line);
      if (!m) return line;
      if (fence !== null) {
        if (line.trim() === fence) fence = null;
        return line;
      }
      fence = m[1];
      return LIVE_LANGUAGES.includes(m[2]) && line.trim() === `${m[1]}${m[2]}` ? `${m[1]}${m[2]} run=false` : line;
    })
    .join("\n");
}

/** /guide: the whole guide, code shown, plus links to the running examples. */
export function renderGuidePage(markdown = readGuide()): string {
  const body = notRun(siteLinks(markdown)).replace(
    /^(Add the page to the sidebar)/m,
    "See this example [running on the report's data](./first-page).\n\n$1"
  );
  return `---\ntitle: Writing pages\n---\n\n${body}`;
}

/** /guide/first-page: the first-page example, running, one folder down. */
export function renderFirstPage(markdown = readGuide()): string {
  return oneFolderDown(firstPageExample(markdown));
}

/** The leading `/** … *\/` comment of a component file, as plain text. */
export function componentDoc(name: string, dir = COMPONENTS_DIR): string | undefined {
  const file = readdirSync(dir).find((f) => basename(f, ".ts").toLowerCase() === name.toLowerCase() && f.endsWith(".ts"));
  if (!file) return undefined;
  const m = /\/\*\*([\s\S]*?)\*\//.exec(readFileSync(resolve(dir, file), "utf8"));
  return m ? m[1].split("\n").map((l) => l.replace(/^\s*\* ?/, "")).join("\n").trim() : undefined;
}

/** Component names documented in the Components section (its `### Name` headings). */
export function documentedComponents(markdown = readGuide()): string[] {
  return [...section(markdown, "Components").matchAll(/^### (\w+)\s*$/gm)].map((m) => m[1]);
}

/** /guide/components: the Components section, each example running beside its options. */
export function renderComponentsPage(markdown = readGuide()): string {
  const body = oneFolderDown(section(markdown, "Components")).replace(/^```js\s*$/gm, "```js echo");
  const withDocs = body.replace(/^### (\w+)\s*$/gm, (heading, name: string) => {
    const doc = componentDoc(name);
    return doc ? `${heading}\n\n<details><summary>Options (from src/components)</summary>\n\n\`\`\`text\n${doc}\n\`\`\`\n\n</details>\n` : heading;
  });
  return `---\ntitle: Components\n---\n\n# Components\n${withDocs}`;
}
