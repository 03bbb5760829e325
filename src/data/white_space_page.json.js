// Data loader: what the white-space page shows (sums per product × segment, the accounts with the most
// white space and their cells, the largest gaps), cut from white_space.json and accounts.json at build
// time so that the page never loads every account × product cell. Plain JavaScript: it copies the file
// loaders/site/prepare.ts made for this pipeline output (checked against its schema; see
// loaders/site/site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("white_space_page.json");
