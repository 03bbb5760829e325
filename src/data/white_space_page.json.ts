// Data loader: what the white-space page shows (sums per product × segment, the accounts with
// the most white space and their cells, the largest gaps), cut from white_space.json and
// accounts.json at build time so that the page never loads every account × product cell.
import {emitJson, readOutput} from "../../loaders/site/read.js";
import {whiteSpacePage} from "../../loaders/site/shape.js";

await emitJson("white_space_page.json", () => whiteSpacePage(readOutput("white_space"), readOutput("accounts")));
