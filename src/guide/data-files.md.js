// Page loader: the data-file reference, generated from the zod schemas. Plain JavaScript: it copies the page
// loaders/site/prepare.ts rendered with loaders/tools/docs (no tsx start per page).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("pages/guide/data-files.md");
