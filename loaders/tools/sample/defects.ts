/**
 * Deliberately bad rows planted in the sample so that the data-quality page
 * has something to show. Each is far below 1% of its file (the default reject
 * limit), and each is listed in data/README.md. Only the three large files get
 * defects: in a small file (fx_rates, account_map) one bad row would exceed 1%.
 *
 * invoice_lines.csv (one extra row each, next to a real invoice line):
 *   1. invoice_date "2025-02-30"        — not a calendar date
 *   2. invoice_date "31/12/2025"        — not ISO YYYY-MM-DD
 *   3. amount "12O.50" (letter O)        — unparseable amount
 *   4. product_id "LEGACY-X"             — unknown product (products.csv exists)
 *   5. currency "GBP"                    — no fx rate for GBP
 *   6. a repeat of the previous line's (invoice_id, line_id) — duplicate key (the later row is rejected)
 * opportunities.csv:
 *   1. close_date before created_date (a won cross-sell)
 *   2. a second row with an existing opportunity_id (the later one is rejected)
 *   3. account_id "ACC-DELETED" that is in no accounts.csv row — unknown account
 *   4. type "Cross-Sell" — not one of the five enum values
 * accounts.csv:
 *   1. a second row for an existing account_id (the later row is rejected; the first stays)
 *   2. an account (a prospect with no billing and no deals) with an empty account_name
 */
import type {CsvValue} from "./csv-writer.js";

export interface LastLine {
  invoiceId: string;
  lineId: string;
  customerId: string;
  productId: string;
  day: string;
}

export interface InvoiceLineDefect {
  /** Months after the window start at whose end the row is written. */
  monthOffset: number;
  reason: string;
  rows(last: LastLine): CsvValue[][];
}

export const INVOICE_LINE_DEFECTS: readonly InvoiceLineDefect[] = [
  {
    monthOffset: 4,
    reason: "invoice_date 2025-02-30 is not a calendar date",
    rows: (l) => [[`${l.invoiceId}`, "90", l.customerId, l.productId, "2025-02-30", "199.00", "USD"]]
  },
  {
    monthOffset: 9,
    reason: "invoice_date 31/12/2025 is not YYYY-MM-DD",
    rows: (l) => [[`${l.invoiceId}`, "91", l.customerId, l.productId, "31/12/2025", "250.00", "USD"]]
  },
  {
    monthOffset: 14,
    reason: "amount 12O.50 (letter O) is not a number",
    rows: (l) => [[`${l.invoiceId}`, "92", l.customerId, l.productId, l.day, "12O.50", "USD"]]
  },
  {
    monthOffset: 19,
    reason: "product LEGACY-X is not in products.csv",
    rows: (l) => [[`${l.invoiceId}`, "93", l.customerId, "LEGACY-X", l.day, "75.00", "USD"]]
  },
  {
    monthOffset: 24,
    reason: "currency GBP has no rate in fx_rates.csv",
    rows: (l) => [[`${l.invoiceId}`, "94", l.customerId, l.productId, l.day, "310.00", "GBP"]]
  },
  {
    monthOffset: 29,
    reason: "duplicate (invoice_id, line_id) of the line just before",
    rows: (l) => [[l.invoiceId, l.lineId, l.customerId, l.productId, l.day, "1.00", "USD"]]
  }
];

export const OPPORTUNITY_DEFECT_ACCOUNT = "ACC-DELETED";
export const OPPORTUNITY_DEFECT_TYPE = "Cross-Sell";
