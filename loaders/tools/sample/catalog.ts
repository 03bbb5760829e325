/**
 * The fixed vocabulary of the sample: product catalog, segments, regions,
 * industries, owners and the name parts accounts are built from.
 */

export interface Product {
  id: string;
  name: string;
  family: string;
  core: boolean;
  /** List price per month for a mid-sized SMB account, in USD. */
  monthlyPrice: number;
}

/** Six products in three families: five core, one non-core add-on. */
export const PRODUCTS: readonly Product[] = [
  {id: "CRM", name: "Core CRM", family: "Platform", core: true, monthlyPrice: 420},
  {id: "ANL", name: "Analytics", family: "Platform", core: true, monthlyPrice: 260},
  {id: "MKT", name: "Marketing Automation", family: "Engagement", core: true, monthlyPrice: 340},
  {id: "SVC", name: "Service Desk", family: "Engagement", core: true, monthlyPrice: 300},
  {id: "DAT", name: "Data Hub", family: "Data", core: true, monthlyPrice: 380},
  {id: "SUP", name: "Premium Support", family: "Data", core: false, monthlyPrice: 120}
];
export const PRODUCT_INDEX = new Map(PRODUCTS.map((p, i) => [p.id, i]));

/** Which product an account starts with (index into PRODUCTS). */
export const INITIAL_PRODUCT_WEIGHTS = [0.55, 0.05, 0.2, 0.15, 0.05, 0];

/**
 * Affinity: weight of cross-selling product `to` (column) to an account holding `from` (row).
 * CRM → Analytics/Marketing are the natural next steps; Support follows anything.
 */
export const AFFINITY: readonly (readonly number[])[] = [
  /* CRM */ [0, 5, 4, 2, 2, 1.5],
  /* ANL */ [3, 0, 1, 1, 4, 1],
  /* MKT */ [4, 3, 0, 1, 1, 1],
  /* SVC */ [4, 1, 1, 0, 1, 2.5],
  /* DAT */ [2, 4, 1, 1, 0, 1],
  /* SUP */ [1, 1, 1, 1, 1, 0]
];

export type Segment = "SMB" | "Mid-Market" | "Enterprise" | "";
export const SEGMENTS: readonly Segment[] = ["SMB", "Mid-Market", "Enterprise", ""];
export const SEGMENT_WEIGHTS = [0.5, 0.3, 0.15, 0.05];
/** Price multiplier by segment (SMB list price × this). */
export const SEGMENT_PRICE: Record<Segment, number> = {SMB: 1, "Mid-Market": 4, Enterprise: 14, "": 1.5};
/** Monthly churn hazard by segment. */
export const SEGMENT_CHURN: Record<Segment, number> = {SMB: 0.016, "Mid-Market": 0.01, Enterprise: 0.005, "": 0.014};

export const REGIONS = ["NA", "EMEA", "APAC", "LATAM", ""] as const;
export const REGION_WEIGHTS = [0.45, 0.3, 0.14, 0.09, 0.02];

export const INDUSTRIES = [
  "Software",
  "Financial Services",
  "Healthcare",
  "Manufacturing",
  "Retail",
  "Education",
  "Logistics",
  "Media",
  "Energy",
  "Public Sector",
  ""
] as const;
export const INDUSTRY_WEIGHTS = [14, 12, 10, 11, 10, 7, 8, 6, 5, 5, 3];

export const OWNERS = [
  "Alice Moreau",
  "Ben Okafor",
  "Carla Jiménez",
  "David Chen",
  "Emma Schulz",
  "Farid Haddad",
  "Grace Kim",
  "Hugo Lindqvist",
  "Isabel Rossi",
  "Jamal Carter",
  "Keiko Tanaka",
  "Liam O'Brien",
  "Maya Patel",
  "Noah Dubois",
  "Olivia Nowak"
] as const;

/** in_target_profile spellings the contract accepts (empty = unknown). */
export const TARGET_TRUE = ["true", "true", "true", "yes", "1"] as const;
export const TARGET_FALSE = ["false", "false", "false", "no", "0"] as const;

export const BUYING_CENTERS = ["Finance", "Operations", "IT", "Sales", "Marketing", "Customer Success"] as const;
export const SOURCES = ["csm", "account_manager", "marketing", "partner"] as const;
export const SOURCE_WEIGHTS = [4, 4, 2, 1];

export const NAME_FIRST = [
  "Acme", "Blue", "Northwind", "Summit", "Cedar", "Harbor", "Vertex", "Silver", "Granite", "Maple",
  "Orion", "Pioneer", "Quantum", "Redwood", "Sterling", "Atlas", "Beacon", "Crescent", "Delta", "Evergreen",
  "Falcon", "Golden", "Horizon", "Iron", "Juniper", "Keystone", "Lumen", "Meridian", "Nova", "Oak",
  "Pacific", "Riverbend", "Sapphire", "Tidewater", "Union", "Valley", "Willow", "Zenith", "Aurora", "Bright"
] as const;
export const NAME_SECOND = [
  "Analytics", "Logistics", "Health", "Foods", "Partners", "Systems", "Labs", "Works", "Dynamics", "Capital",
  "Energy", "Media", "Freight", "Robotics", "Retail", "Learning", "Motors", "Pharma", "Textiles", "Networks",
  "Foundry", "Consulting", "Ventures", "Supply", "Security"
] as const;
export const NAME_SUFFIX = ["Inc", "Ltd", "GmbH", "LLC", "SA", "BV", "Group", "Co", "AG", "Pty Ltd", "SAS", ""] as const;

/**
 * Names that break naive HTML, CSV and spreadsheet handling. They are given to
 * the first accounts (ACC-000001…) so that even a tiny sample carries them, and
 * these accounts are customers so the names reach every page.
 */
export const TRICKY_NAMES: readonly string[] = [
  "<script>alert(1)</script> Holdings",
  'The "Quoted" Company',
  "Smith, Jones & Partners, LLC",
  'Comma, "Quote" and <b>Bold</b> Ltd',
  "Multi-line Corp\nAccounts Payable Dept",
  "Rocket 🚀 Ventures",
  "Café Müller & Söhne GmbH",
  "株式会社サンプル",
  "=HYPERLINK(\"http://example.com\",\"click\")",
  "+1 Telecom Ltd",
  "-Minus Industries",
  "@Home Furnishings",
  "=1+2 Analytics",
  "O'Reilly & Daughters",
  "Tab\tSeparated Co"
];
