// Data loader: the overall figures at the end of the previous period (the Overview's changes), from figures.json.
import {emitJson, readOutput} from "../../loaders/site/read.js";
import {previousFigures} from "../../loaders/site/shape.js";

await emitJson("figures_previous.json", () => previousFigures(readOutput("figures"), readOutput("manifest").period_start));
