// The demo company's products and the word lists that name accounts, people and places.

export interface ProductSpec {
  name: string;
  code: string;
  family: string;
  /** List price in the standard price book (a multiple of 100, so totals stay whole). */
  price: number;
  /** What the product does to a deal it leads: win-rate and cycle-length factors. */
  win: number;
  cycle: number;
  /** The deal name's suffix when the product leads the deal. */
  deal: string;
}

const product = (name: string, code: string, family: string, price: number, win: number, cycle: number, deal: string) =>
  ({ name, code, family, price, win, cycle, deal }) satisfies ProductSpec;

// prettier-ignore
export const PRODUCTS: ProductSpec[] = [
  //       name                       code       family      price   win  cycle deal name
  product('Core Platform License',   'CPL-100', 'Platform', 12_000, 1,    1,    'Platform'),
  product('Analytics Add-on',        'ANA-200', 'Add-on',    4_800, 1.3,  0.55, 'Analytics'),
  product('Data Connector Pack',     'DCP-210', 'Add-on',    2_400, 1.2,  0.5,  'Connectors'),
  product('Enterprise Security',     'SEC-220', 'Add-on',    9_000, 0.95, 0.8,  'Security'),
  product('Implementation Services', 'SRV-300', 'Services', 15_000, 1,    1,    'Services'),
  product('Training Package',        'SRV-310', 'Services',  3_500, 1,    1,    'Training'),
  product('Premium Support',         'SUP-400', 'Support',   6_000, 1.7,  0.35, 'Support Renewal'),
];

/** Indexes into PRODUCTS. */
export const PRODUCT = {
  platform: 0,
  analytics: 1,
  connectors: 2,
  security: 3,
  implementation: 4,
  training: 5,
  support: 6,
};

/** What an existing customer buys next (expansion, add-ons, renewal), with weights. */
export const EXPANSION_PRODUCTS = [
  PRODUCT.platform,
  PRODUCT.analytics,
  PRODUCT.connectors,
  PRODUCT.security,
  PRODUCT.support,
];
export const EXPANSION_WEIGHTS = [25, 30, 15, 15, 15];

const words = (list: string) => list.split('|');

export const COMPANY_PREFIXES = words(
  'Acme|Globex|Initech|Umbrella|Stark|Wayne|Tyrell|Cyberdyne|Soylent|Hooli|Vandelay|Wonka|Massive|Aperture|Nakatomi|' +
    'Oscorp|Gringotts|Monarch|Pied Piper|Dunder|Sterling|Bluth|Prestige|Virtucon|Gekko|Blue Sun|Weyland|Rekall|Duff|' +
    'Ollivander|Zorg|Spacely|Cogswell|Krusty|Ajax|Atlas|Summit|Pinnacle|Northwind|Contoso',
);
export const COMPANY_KINDS = words(
  'Logistics|Health|Systems|Foods|Energy|Bank|Media|Motors|Labs|Insurance|Retail|Telecom|Builders|Airlines|Pharma|' +
    'Analytics|Capital|Farms|Robotics|Studios',
);
export const COMPANY_SUFFIXES = words('Inc.|Corp.|LLC|Group|Holdings|Ltd.|Co.|International');
export const FIRST_NAMES = words(
  'Alex|Sam|Jordan|Taylor|Morgan|Casey|Riley|Jamie|Avery|Quinn|Olivia|Liam|Noah|Emma|Mia|Lucas|Sofia|Mateo|Aisha|' +
    'Kenji|Fatima|Wei|Ingrid|Tomas|Leila|Arjun|Nadia|Diego|Hana|Omar',
);
export const LAST_NAMES = words(
  'Smith|Garcia|Chen|Patel|Nguyen|Johnson|Müller|Rossi|Kowalski|Okafor|Silva|Tanaka|Brown|Martin|Lopez|Kim|Singh|' +
    'Novak|Dubois|Andersen|Ibrahim|Costa|Walsh|Schmidt|Haddad|Moreau|Larsen|Yilmaz|Reyes|Fischer',
);
export const CONTACT_TITLES = words(
  'CFO|CIO|VP Operations|Head of IT|Procurement Manager|Director of Sales Ops|COO|IT Manager',
);
export const STREETS = words('Market St|Main St|Oak Ave|Pine St|Broadway|Elm St|Lake Shore Dr|Mission St');

// prettier-ignore
export const CITIES: [city: string, state: string, postalCode: string][] = [
  ['San Francisco', 'CA', '94105'], ['Seattle', 'WA', '98101'], ['Austin', 'TX', '78701'], ['Denver', 'CO', '80202'],
  ['Chicago', 'IL', '60601'], ['New York', 'NY', '10001'], ['Boston', 'MA', '02110'], ['Atlanta', 'GA', '30303'],
  ['Miami', 'FL', '33131'], ['Phoenix', 'AZ', '85004'],
];

/** How industries buy: win-rate and cycle factors (regulated industries are slower). */
// prettier-ignore
export const INDUSTRY_FACTORS: Record<string, { win: number; cycle: number }> = {
  Agriculture: { win: 1.05, cycle: 0.9 }, Banking: { win: 0.85, cycle: 1.4 }, Biotechnology: { win: 0.95, cycle: 1.2 },
  Communications: { win: 1, cycle: 1 }, Construction: { win: 1.05, cycle: 0.9 }, Education: { win: 0.9, cycle: 1.3 },
  Energy: { win: 0.95, cycle: 1.2 }, Healthcare: { win: 0.85, cycle: 1.35 }, Insurance: { win: 0.9, cycle: 1.25 },
  Manufacturing: { win: 1.05, cycle: 1 }, Media: { win: 1.1, cycle: 0.8 }, Retail: { win: 1.1, cycle: 0.85 },
  Technology: { win: 1.15, cycle: 0.75 }, Transportation: { win: 1, cycle: 1 },
};
