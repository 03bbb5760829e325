/**
 * The project documents itself: every link in README.md and docs/*.md leads to
 * a file of this repository (never to ../shared or another site), and every
 * #anchor to a heading that exists, as GitHub names headings.
 */
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, isAbsolute, join, relative, resolve} from "node:path";
import {describe, expect, it} from "vitest";

const REPO = resolve(import.meta.dirname, "../../..");

const PAGES = ["README.md", ...readdirSync(join(REPO, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** The text with code blocks and code spans blanked out (links there are examples, not links). */
function withoutCode(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f && (fence === null || line.trim().startsWith(fence))) {
      fence = fence === null ? f[1] : null;
      out.push("");
      continue;
    }
    out.push(fence === null ? line.replace(/(`+)[\s\S]*?\1/g, "") : "");
  }
  return out.join("\n");
}

/** Every link target of a page, once each: inline links and images, reference definitions, HTML href/src, autolinks, bare URLs. */
export function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const targets = [
    ...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
    ...[...text.matchAll(/<((?:https?|ftp|mailto):[^>\s]+)>/g)].map((m) => m[1])
  ];
  // A bare address GitHub would turn into a link by itself.
  for (const m of text.matchAll(/(?<![(<"'=])\b(https?:\/\/[^\s)>\]]+|www\.[a-z0-9-]+\.[^\s)>\]]+)/gi)) targets.push(m[1]);
  return [...new Set(targets)];
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2, … */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f && (fence === null || line.trim().startsWith(fence))) {
      fence = fence === null ? f[1] : null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const plain = h[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link's text
      .replace(/<[^>]+>/g, "")
      .replace(/[`*]/g, "")
      .replace(/(^|\s)_{1,2}([^_]+)_{1,2}(?=\s|$)/g, "$1$2"); // _emphasis_, not snake_case
    const base = plain.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of markdown.matchAll(/\b(?:id|name)\s*=\s*["']([^"']+)["']/g)) anchors.add(m[1]);
  return anchors;
}

/** What is wrong with one link of `page`, or null when it leads to a file (and heading) of the repository. */
function problem(page: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//") || target.toLowerCase().startsWith("www.")) {
    return "leaves the repository";
  }
  const [rawPath, anchor] = target.split("#", 2);
  const path = decodeURIComponent(rawPath);
  if (isAbsolute(path)) return "is an absolute path (write it relative to the page)";
  const file = path === "" ? join(REPO, page) : resolve(REPO, dirname(page), path);
  const rel = relative(REPO, file);
  if (rel.startsWith("..") || isAbsolute(rel)) return "leads outside the repository";
  if (rel.split("/").some((part) => ["node_modules", "dist", ".pipeline", ".git"].includes(part))) return "leads to a file a clone does not have";
  if (!existsSync(file)) return "leads to no file";
  if (anchor && statSync(file).isFile() && file.endsWith(".md")) {
    if (!headingAnchors(readFileSync(file, "utf8")).has(anchor)) return `has no heading #${anchor} in ${rel}`;
  }
  return null;
}

describe("links in README.md and docs/", () => {
  it.each(PAGES)("%s links only to files and headings of the repository", (page) => {
    const problems = linkTargets(readFileSync(join(REPO, page), "utf8"))
      .map((target) => ({target, why: problem(page, target)}))
      .filter((p) => p.why)
      .map((p) => `${page}: (${p.target}) ${p.why}`);
    expect(problems).toEqual([]);
  });

  it("finds every kind of link, and none inside code", () => {
    const md = [
      "See [the spec](../shared/spec/metrics.md), ![a chart](img/x.png \"title\") and [ref][r].",
      "[r]: https://example.com/ref",
      '<a href="docs/x.md#y">x</a> <https://example.org> and www.example.net/page.',
      "`[not a link](nowhere.md)` and:",
      "```",
      "[not a link either](nowhere.md) https://example.com/code",
      "```"
    ].join("\n");
    expect(linkTargets(md).sort()).toEqual(
      ["../shared/spec/metrics.md", "img/x.png", "https://example.com/ref", "docs/x.md#y", "https://example.org", "www.example.net/page."].sort()
    );
  });

  it("tells a link out of the repository, to a missing file or heading, from a good one", () => {
    expect(problem("README.md", "../shared/spec/metrics.md")).toBe("leads outside the repository");
    expect(problem("docs/guide.md", "../../shared/x.md")).toBe("leads outside the repository");
    expect(problem("README.md", "https://observablehq.com/framework/")).toBe("leaves the repository");
    expect(problem("README.md", "docs/no-such-page.md")).toBe("leads to no file");
    expect(problem("README.md", "dist/index.html")).toBe("leads to a file a clone does not have");
    expect(problem("README.md", "#no-such-heading")).toBe("has no heading #no-such-heading in README.md");
    expect(problem("README.md", "docs/exports.md#what-bad-input-gets")).toBeNull();
    expect(problem("docs/exports.md", "../data/examples/README.md")).toBeNull();
  });

  it("names headings as GitHub does", () => {
    const anchors = headingAnchors(
      "# Cross-sell report\n## 3. Schedule it (and publish)\n### 5. …or with `cron`\n## Exit codes\n## Exit codes\n```\n# not a heading\n```\n## A — B"
    );
    expect([...anchors]).toEqual(["cross-sell-report", "3-schedule-it-and-publish", "5-or-with-cron", "exit-codes", "exit-codes-1", "a--b"]);
  });
});
