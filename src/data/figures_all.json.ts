// Data loader: overall figures at every month end (the Overview's sparklines), from figures.json.
import {emitJson, readOutput} from "../../loaders/site/read.js";
import {overallFigures} from "../../loaders/site/shape.js";

await emitJson("figures_all.json", () => overallFigures(readOutput("figures")));
