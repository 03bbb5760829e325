import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadMapping} from "../../../loaders/pipeline/mapping/load.js";
import {MappingError, parseMapping} from "../../../loaders/pipeline/mapping/schema.js";
import {cleanup, tempDir} from "./helpers.js";

/** The message of the MappingError thrown by fn. */
function mappingError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MappingError);
    return (e as Error).message;
  }
  throw new Error("expected a MappingError");
}

const minimalOpportunities = {
  source: "deals.csv",
  columns: {
    opportunity_id: "id",
    account_id: "acct",
    type: "kind",
    stage: "stage",
    created_date: "created",
    close_date: "closed"
  }
};

describe("mapping schema: every mistake names its key", () => {
  it("accepts a minimal mapping and fills defaults", () => {
    const m = parseMapping({files: {opportunities: minimalOpportunities}}, "test");
    expect(m.files.opportunities?.delimiter).toBe(",");
    expect(m.files.opportunities?.values).toEqual({});
  });
  it("names a misspelt key and suggests the right one", () => {
    const msg = mappingError(() => parseMapping({files: {opportunities: {...minimalOpportunities, colums: {}}}}, "m.json"));
    expect(msg).toContain('files.opportunities.colums: unknown key (did you mean "columns"?)');
    expect(msg).toContain("Invalid mapping in m.json");
  });
  it("names an unknown canonical file", () => {
    expect(mappingError(() => parseMapping({files: {opportunity: minimalOpportunities}}, "m"))).toContain(
      'files.opportunity: unknown key (did you mean "opportunities"?)'
    );
  });
  it("names an unknown canonical column, with the closest one", () => {
    const bad = {...minimalOpportunities, values: {stag: {map: {Won: "won"}}}};
    expect(mappingError(() => parseMapping({files: {opportunities: bad}}, "m"))).toContain(
      'files.opportunities.values.stag: unknown canonical column "stag" of opportunities (closest: "stage")'
    );
  });
  it("names a required column that is not mapped", () => {
    const {stage: _stage, ...columns} = minimalOpportunities.columns;
    expect(mappingError(() => parseMapping({files: {opportunities: {...minimalOpportunities, columns}}}, "m"))).toContain(
      'files.opportunities.columns.stage: required column "stage" of opportunities is not mapped'
    );
  });
  it("names a bad date format, a bad delimiter, a bad option value and a wrong type", () => {
    const bad = {
      ...minimalOpportunities,
      delimiter: ";;",
      dates: {created_date: "DD/QQ/YYYY"},
      numbers: {amount: {cents: "yes"}},
      values: {stage: {map: {Won: 1}}}
    };
    const msg = mappingError(() => parseMapping({reject_limit: 2, files: {opportunities: bad}}, "m"));
    expect(msg).toContain("files.opportunities.delimiter: expected one character or \"tab\"");
    expect(msg).toContain('files.opportunities.dates.created_date: unknown date token "Q"');
    expect(msg).toContain("files.opportunities.numbers.amount.cents: expected boolean, got string");
    expect(msg).toContain("files.opportunities.values.stage.map.Won: expected string, got number");
    expect(msg).toContain("reject_limit: Number must be less than or equal to 1");
  });
  it("rejects derive_type outside opportunities", () => {
    const accounts = {source: "a.csv", columns: {account_id: "id", account_name: "name"}, derive_type: "holdings"};
    expect(mappingError(() => parseMapping({files: {accounts}}, "m"))).toContain("files.accounts.derive_type: only opportunities have a derived type");
  });
});

describe("loading presets and mapping files", () => {
  it("names an unknown preset and suggests the closest", () => {
    expect(mappingError(() => loadMapping({preset: "salesforse"}))).toContain('Unknown preset "salesforse" (did you mean "salesforce"?)');
  });
  it("every preset is valid", () => {
    for (const preset of ["salesforce", "hubspot", "stripe"]) expect(() => loadMapping({preset})).not.toThrow();
  });
  it("a mapping file extends a preset: keys merge, null removes, the file wins", () => {
    const dir = tempDir();
    try {
      const file = join(dir, "m.json");
      writeFileSync(
        file,
        JSON.stringify({
          extends: "salesforce",
          reject_limit: 0.05,
          files: {opportunities: {values: {type: null}, columns: {stage: "Phase"}, dates: {close_date: "DD.MM.YYYY"}}}
        })
      );
      const {mapping} = loadMapping({mapping: file});
      const opp = mapping.files.opportunities!;
      expect(mapping.reject_limit).toBe(0.05);
      expect(opp.columns.stage).toBe("Phase"); // replaced
      expect(opp.columns.opportunity_id).toEqual(["Opportunity ID", "Id"]); // inherited
      expect(opp.values.type).toBeUndefined(); // removed by null
      expect(opp.values.stage.map["Closed Won"]).toBe("won"); // inherited
      expect(opp.dates.close_date).toBe("DD.MM.YYYY");
      expect(mapping.files.accounts).toBeDefined();
    } finally {
      cleanup(dir);
    }
  });
  it("a mistake in a file that extends a preset is named by its key", () => {
    const dir = tempDir();
    try {
      const file = join(dir, "m.json");
      writeFileSync(file, JSON.stringify({extends: "hubspot", files: {accounts: {derive_owner: "biggest"}}}));
      expect(mappingError(() => loadMapping({mapping: file}))).toContain("files.accounts.derive_owner:");
      writeFileSync(file, "{not json");
      expect(mappingError(() => loadMapping({mapping: file}))).toContain("is not valid JSON");
    } finally {
      cleanup(dir);
    }
  });
});
