// Data loader: the first 1,000 rejects and their total (the full file ships as rejects.csv).
import {emitJson, readOutput} from "../../loaders/site/read.js";
import {rejectsHead} from "../../loaders/site/shape.js";

await emitJson("rejects_head.json", () => rejectsHead(readOutput("rejects"), 1000));
