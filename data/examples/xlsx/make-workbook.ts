/**
 * Writes crm-export.xlsx, the .xlsx example (run: npx tsx data/examples/xlsx/make-workbook.ts).
 * A German CRM+billing workbook as an office would keep it: three sheets,
 * German column names and values, dates typed as text "DD.MM.YYYY" on the
 * deals sheet and as real Excel dates on the invoices sheet, amounts with a
 * decimal comma. mapping.json beside it maps it onto the canonical files.
 */
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import ExcelJS from "exceljs";

const here = dirname(fileURLToPath(import.meta.url));
const workbook = new ExcelJS.Workbook();
// Fixed metadata so that regenerating gives the same workbook contents.
workbook.creator = "cross-sell-report example";
workbook.created = new Date(Date.UTC(2025, 6, 1));
workbook.modified = new Date(Date.UTC(2025, 6, 1));

const accounts = workbook.addWorksheet("Kunden");
accounts.addRow(["Kunde-Nr", "Firma", "Segment", "Region"]);
accounts.addRow(["K1", "Müller AG", "Enterprise", "DACH"]);
accounts.addRow(["K2", "Schmidt & Söhne", "SMB", "DACH"]);

const deals = workbook.addWorksheet("Deals");
deals.addRow(["Deal-Nr", "Kunde-Nr", "Produkt", "Phase", "Typ", "Betrag", "Erstellt", "Abschluss"]);
deals.addRow(["D1", "K1", "Basis", "Gewonnen", "Neukunde", "1.000,00", "01.04.2024", "05.05.2024"]);
deals.addRow(["D2", "K1", "Plus", "Gewonnen", "Cross-Selling", "400,00", "01.06.2025", "25.06.2025"]);
deals.addRow(["D3", "K2", "Plus", "Gewonnen", "Neukunde", "600,00", "01.02.2025", "20.02.2025"]);
deals.addRow(["D4", "K2", "Basis", "Verloren", "Cross-Selling", "1.250,50", "01.04.2025", "15.05.2025"]);

const invoices = workbook.addWorksheet("Rechnungen");
invoices.addRow(["Rechnung", "Kunde-Nr", "Produkt", "Datum", "Betrag"]);
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
invoices.addRow(["R1", "K1", "Basis", day(2024, 5, 10), 1000]);
invoices.addRow(["R2", "K1", "Basis", day(2025, 5, 10), 1000]);
invoices.addRow(["R3", "K1", "Plus", day(2025, 7, 1), 400]);
invoices.addRow(["R4", "K2", "Plus", day(2025, 3, 1), 600]);
invoices.getColumn(4).numFmt = "dd.mm.yyyy";

await workbook.xlsx.writeFile(join(here, "crm-export.xlsx"));
console.log(`wrote ${join(here, "crm-export.xlsx")}`);
