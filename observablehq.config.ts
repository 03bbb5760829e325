/**
 * Observable Framework configuration. Everything the site needs is bundled:
 * no Google Fonts (globalStylesheets: []), no CDN imports (pages import
 * @observablehq/plot, @observablehq/inputs from node_modules).
 *
 * CROSSSELL_DATA_DIR (set by loaders/build.ts) is read at build time for the
 * freshness header. Every account is shown by the one page src/account.md
 * (account?id=…): one page per account cost the build a parse, a render and
 * a data loader each (most of the build on the sample). CROSSSELL_SITE_OUT overrides
 * the output folder (the browser tests build into a temp folder).
 */
import {freshnessHeader, readFreshness} from "./loaders/site/config.js";

const dataDir = process.env.CROSSSELL_DATA_DIR;

// Accessibility fixes to Framework's own page chrome (run once the sidebar exists):
// its sidebar <ol> holds a <label> (only <li> is allowed), and the sidebar toggle
// checkbox has only a title.
const A11Y_FIXES = `<script>(() => {
  const close = document.getElementById("observablehq-sidebar-close");
  if (close && close.parentElement && close.parentElement.tagName === "OL") close.parentElement.before(close);
  document.getElementById("observablehq-sidebar-toggle")?.setAttribute("aria-label", "Toggle the sidebar");
})();</script>`;

export default {
  title: "Cross-sell report",
  root: "src",
  output: process.env.CROSSSELL_SITE_OUT ?? "dist",
  globalStylesheets: [],
  // An inline empty icon: no /favicon.ico request (which would 404 on a static host).
  head: '<link rel="icon" href="data:,"><script>document.documentElement.lang = "en";</script>',
  style: "style.css",
  search: false,
  pager: false,
  toc: false,
  pages: [
    {name: "Overview", path: "/"},
    {name: "Retention", path: "/retention"},
    {name: "Trends", path: "/trends"},
    {name: "Time to cross-sell", path: "/time-to-cross-sell"},
    {name: "Products", path: "/products"},
    {name: "White space", path: "/white-space"},
    {name: "Priority matrix", path: "/priority-matrix"},
    {name: "Concentration", path: "/concentration"},
    {name: "Team", path: "/team"},
    {name: "Win rates", path: "/win-rates"},
    {name: "Accounts", path: "/accounts"},
    {name: "Data quality", path: "/data-quality"},
    {name: "Definitions", path: "/definitions"},
    {name: "Explore", path: "/explore"},
    {
      name: "Guide",
      open: false,
      pages: [
        {name: "Writing pages", path: "/guide/"},
        {name: "Your first page", path: "/guide/first-page"},
        {name: "Components", path: "/guide/components"},
        {name: "Data files", path: "/guide/data-files"}
      ]
    }
  ],
  header: () => freshnessHeader(readFreshness(dataDir)),
  footer: ({path}: {path: string}) => {
    const f = readFreshness(dataDir);
    const up = "../".repeat(Math.max(0, path.split("/").length - 2)) || "./";
    return `${A11Y_FIXES}Cross-sell report · data as of ${f.asOf ?? "unknown"} · refreshed at ${f.refreshedAt ?? "unknown"} · <a href="${up}definitions">Definitions</a>`;
  }
};
