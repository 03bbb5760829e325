// Data loader: whether the site holds a board pack, {"pdf": false} until loaders/pdf prints report.pdf
// into the built site (loaders/site/board-pack-flag.ts markBoardPack). Plain JavaScript: it copies
// the file loaders/site/prepare.ts made (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("board_pack.json");
