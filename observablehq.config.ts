/**
 * Observable Framework configuration. Everything the site needs is bundled:
 * no Google Fonts (globalStylesheets: []), no CDN imports (pages import
 * @observablehq/plot, @observablehq/inputs from node_modules).
 *
 * CROSSSELL_DATA_DIR (set by loaders/refresh/build.ts) is read at build time for the
 * freshness header. Every account is shown by the one page src/account.md
 * (account?id=…): one page per account cost the build a parse, a render and
 * a data loader each (most of the build on the sample). CROSSSELL_SITE_OUT overrides
 * the output folder (the browser tests build into a temp folder).
 */
import {A11Y_FIXES, A11Y_HEAD} from "./loaders/site/page/a11y.js";
import {printMarginStyle} from "./loaders/site/page/print.js";
import {freshnessHeader, readFreshness} from "./loaders/site/header.js";
import {accountSearchIndex} from "./loaders/site/search.js";

const dataDir = process.env.CROSSSELL_DATA_DIR;

export default {
  title: "Cross-sell report",
  root: "src",
  output: process.env.CROSSSELL_SITE_OUT ?? "dist",
  globalStylesheets: [],
  // An inline empty icon: no /favicon.ico request (which would 404 on a static host).
  // The print stylesheet's freshness line on every printed page (loaders/site/page/print.ts).
  head: () => `<link rel="icon" href="data:,">${A11Y_HEAD}${printMarginStyle(readFreshness(dataDir))}`,
  style: "style.css",
  // Built-in search over the pages (Definitions and the Guide included) and, through `index`,
  // the account pages by name, id, owner and segment (loaders/site/search.ts). The index is a
  // file of the site (_observablehq/minisearch.*.json), loaded when the search box is focused.
  search: {index: () => accountSearchIndex()},
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
