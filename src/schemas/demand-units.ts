import {z} from "zod";
import {quadrant} from "./common.js";

const score = z.number().int().min(0).max(3);

/**
 * demand_units.json — account (optionally a buying center) × core product not
 * held, with the six scores (from demand_units.csv, else derived by the rules of
 * metrics.md), why each derived score is what it is, the two axis scores, the
 * quadrant (null when disqualified: need = 0) and the white-space potential.
 */
export const demandUnitRow = z
  .object({
    account_id: z.string(),
    account_name: z.string(),
    owner: z.string().nullable(),
    segment: z.string(),
    buying_center: z.string().nullable(),
    product_id: z.string(),
    need: score,
    fit: score,
    urgency: score,
    relationship: score,
    data: score,
    resources: score,
    score_source: z.enum(["file", "derived"]),
    why_need: z.string(),
    why_fit: z.string(),
    why_urgency: z.string(),
    why_relationship: z.string(),
    why_data: z.string(),
    why_resources: z.string(),
    opportunity_score: z.number(),
    ability_score: z.number(),
    is_disqualified: z.boolean(),
    quadrant: quadrant.nullable(),
    potential: z.number().nullable()
  })
  .strict();
export type DemandUnitRow = z.infer<typeof demandUnitRow>;
export const demandUnitsSchema = z.array(demandUnitRow);
