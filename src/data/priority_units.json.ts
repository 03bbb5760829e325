// Data loader: the demand units the priority matrix shows (all, or the 10,000 with the largest
// potential when there are more) and how many there are in all.
import {emitJson, readOutput} from "../../loaders/site/read.js";
import {priorityUnits} from "../../loaders/site/shape.js";

await emitJson("priority_units.json", () => priorityUnits(readOutput("demand_units")));
