// Page loader: every component with its options and a live example (from docs/guide.md). Plain JavaScript: it copies the page
// loaders/site/prepare.ts rendered with loaders/tools/docs (no tsx start per page).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("pages/guide/components.md");
