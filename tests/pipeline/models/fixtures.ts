/**
 * The ~10-account fixture of the end-to-end metrics test. D = 2024-06-30,
 * S = 2023-06-30, P = 2023-07-01 … 2024-06-30. Products CRM, ANL, MKT are
 * core, SUP is not. The expected figures are worked out in e2e.test.ts.
 */
import type {Fixture} from "./helpers.js";

export const E2E_FIXTURE: Fixture = {
  asOf: "2024-06-30",
  accounts: [
    {account_id: "A01", account_name: "Alpha", segment: "SMB", region: "EMEA", industry: "Retail", owner: "Ann", in_target_profile: true},
    {account_id: "A02", account_name: "Beta", segment: "SMB", region: "EMEA", industry: null, owner: "Ann", in_target_profile: false},
    {account_id: "A03", account_name: "Gamma", segment: "Mid-Market", region: "NA", industry: "Tech", owner: "Bob", in_target_profile: true},
    {account_id: "A04", account_name: "Delta", segment: "Mid-Market", region: "NA", industry: "Tech", owner: "Bob", in_target_profile: null},
    {account_id: "A05", account_name: "Epsilon", segment: "Enterprise", region: "NA", industry: "Bank", owner: "Cy", in_target_profile: true},
    {account_id: "A06", account_name: "Zeta", segment: "Enterprise", region: null, industry: "Bank", owner: "Cy", in_target_profile: true},
    {account_id: "A08", account_name: "Theta", segment: "SMB", region: "EMEA", industry: "Retail", owner: null, in_target_profile: false},
    {account_id: "A09", account_name: "Iota", segment: "SMB", region: "EMEA", industry: "Retail", owner: "Ann", in_target_profile: true},
    {account_id: "A10", account_name: "Kappa", segment: "Mid-Market", region: "NA", industry: "Tech", owner: "Bob", in_target_profile: true}
  ],
  products: [
    {product_id: "ANL", product_name: "Analytics", is_core: true},
    {product_id: "CRM", product_name: "Core CRM", is_core: true},
    {product_id: "MKT", product_name: "Marketing", is_core: true},
    {product_id: "SUP", product_name: "Support", is_core: false}
  ],
  accountMap: [["BILL-8", "A08"]],
  fxRates: [
    ["EUR", "2023-03", 1.1],
    ["EUR", null, 1.2]
  ],
  lines: [
    ["A01", "CRM", "2022-07-15", 100],
    ["A01", "CRM", "2023-07-15", 100],
    ["A01", "ANL", "2023-09-01", 50],
    ["A02", "CRM", "2022-08-01", 200],
    ["A02", "CRM", "2023-08-01", 200],
    ["A03", "CRM", "2023-01-10", 300],
    ["A03", "ANL", "2023-01-10", 100],
    ["A03", "CRM", "2024-01-10", 300],
    ["A04", "CRM", "2022-12-01", 100],
    ["A04", "MKT", "2023-06-30", 80],
    ["A04", "CRM", "2023-12-01", 100],
    ["A04", "MKT", "2024-06-30", 80],
    ["A05", "CRM", "2023-10-01", 500],
    ["A05", "ANL", "2024-03-01", 200],
    ["A05", "MKT", "2024-03-01", 100],
    ["A05", "SUP", "2024-04-01", 20],
    ["A06", "CRM", "2023-05-01", 400],
    ["A06", "ANL", "2023-11-01", -50],
    ["A06", "CRM", "2024-05-01", 400],
    ["C-77", "CRM", "2024-02-01", 60],
    ["BILL-8", "CRM", "2023-03-01", 90, "EUR"],
    ["BILL-8", "CRM", "2024-03-01", 90, "EUR"],
    ["A09", "CRM", "2022-01-01", 100],
    // After D: ignored by every figure.
    ["A02", "MKT", "2024-07-01", 999]
  ],
  opportunities: [
    {opportunity_id: "O1", account_id: "A01", product_id: "ANL", type: "cross_sell", stage: "won", amount: 50, created_on: "2023-07-01", closed_on: "2023-08-20"},
    {opportunity_id: "O2", account_id: "A02", product_id: "ANL", type: "cross_sell", stage: "lost", amount: 150, created_on: "2023-07-01", closed_on: "2023-09-01"},
    {opportunity_id: "O3", account_id: "A03", product_id: "MKT", type: "cross_sell", stage: "lost", amount: null, created_on: "2023-12-01", closed_on: "2024-02-01"},
    {opportunity_id: "O4", account_id: "A10", product_id: "CRM", type: "new_business", stage: "won", amount: 1000, created_on: "2023-11-01", closed_on: "2024-01-15"},
    {opportunity_id: "O5", account_id: "A10", product_id: "CRM", type: "new_business", stage: "lost", amount: 10, created_on: "2023-05-01", closed_on: "2023-06-30"},
    {opportunity_id: "O6", account_id: "A06", product_id: "MKT", type: "cross_sell", stage: "open", amount: 75, created_on: "2024-05-01", closed_on: null, owner: "Cy", buying_center: "Marketing", source: "csm"},
    {opportunity_id: "O7", account_id: "A04", product_id: "CRM", type: "upsell", stage: "lost", amount: 40, created_on: "2024-03-01", closed_on: "2024-04-01"},
    {opportunity_id: "O8", account_id: "A05", product_id: "ANL", type: "cross_sell", stage: "won", amount: 300, created_on: "2024-01-01", closed_on: "2024-02-25"}
  ]
};
