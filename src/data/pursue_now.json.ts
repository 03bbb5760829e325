// Data loader: the top "Pursue now" demand units by potential (Overview), from demand_units.json.
import {emitJson, readOutput} from "../../loaders/site/read.js";
import {pursueNow} from "../../loaders/site/shape.js";

await emitJson("pursue_now.json", () => pursueNow(readOutput("demand_units"), 10));
