// Page loader: the guide's "Your first page" example, running on the report's data. Plain JavaScript: it copies the page
// loaders/site/prepare.ts rendered with loaders/tools/docs (no tsx start per page).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("pages/guide/first-page.md");
