// Data loader: every figure for every cut at the as-of date (Team page), from figures.json.
import {emitJson, readOutput} from "../../loaders/site/read.js";
import {currentFigures} from "../../loaders/site/shape.js";

await emitJson("figures_current.json", () => currentFigures(readOutput("figures")));
