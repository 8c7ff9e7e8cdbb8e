/**
 * The demo registry: the real housing organisations active in Copenhagen, and invented but plausible
 * estates (marked is_demo) placed in real districts and vulnerable urban areas.
 */
export const demoOrganisations = [
  { shortName: 'fsb', name: 'fsb' },
  { shortName: 'KAB', name: 'KAB' },
  { shortName: 'AKB', name: 'AKB, København' },
  { shortName: '3B', name: 'Boligforeningen 3B' },
  { shortName: 'SAB', name: 'Samvirkende Boligselskaber' },
  { shortName: 'Lejerbo', name: 'Lejerbo' },
  { shortName: 'DAB', name: 'DAB' },
  { shortName: 'FA09', name: 'FA09' },
  { shortName: 'BDK', name: 'Boligkontoret Danmark' },
  { shortName: 'AAB', name: 'Arbejdernes Andels Boligforening' },
  { shortName: 'VIBO', name: 'VIBO' },
  { shortName: 'Bo-Vita', name: 'Bo-Vita' },
  { shortName: 'HAB', name: 'Hovedstadens Almennyttige Boligselskab' },
  { shortName: 'DFB', name: 'Det Forenede Boligselskab' },
] as const;

/** [organisation, number, name, address, district number, urban area (delområde) or null, dwellings] */
export const demoEstates: [string, number, string, string, number, string | null, number][] = [
  ['fsb', 51, 'Tingbjerg I', 'Ruten 1, 2700 Brønshøj', 7, 'Tingbjerg/Husum', 820],
  ['SAB', 12, 'Tingbjerg II', 'Terrasserne 2, 2700 Brønshøj', 7, 'Tingbjerg/Husum', 790],
  ['fsb', 52, 'Utterslevhuse', 'Utterslev Huse 4, 2700 Brønshøj', 7, 'Tingbjerg/Husum', 310],
  ['SAB', 14, 'Husumgård', 'Husumgårdsvej 3, 2700 Brønshøj', 7, 'Tingbjerg/Husum', 240],
  ['Bo-Vita', 3, 'Mjølnerparken', 'Mjølnerparken 1, 2200 København N', 3, 'Ydre Nørrebro', 560],
  ['AKB', 21, 'Lundtoftegade', 'Lundtoftegade 20, 2200 København N', 3, 'Ydre Nørrebro', 620],
  ['AAB', 33, 'Aldersrogade', 'Aldersrogade 6, 2100 København Ø', 3, 'Ved Jagtvej', 710],
  ['FA09', 7, 'Nørrebroparken', 'Hillerødgade 10, 2200 København N', 3, 'Ved Bispeengbuen', 330],
  ['KAB', 41, 'Blågården', 'Blågårdsgade 15, 2200 København N', 3, 'Indre Nørrebro', 600],
  ['DFB', 8, 'Hørgården Nord', 'Hørgården 2, 2300 København S', 10, 'Urbanplanen mv.', 410],
  ['3B', 61, 'Hørgården Syd', 'Hørgården 40, 2300 København S', 10, 'Urbanplanen mv.', 380],
  ['KAB', 43, 'Urbanplanen Øst', 'Røde Mellemvej 1, 2300 København S', 10, 'Urbanplanen mv.', 660],
  ['3B', 62, 'Remisevej', 'Remisevej 5, 2300 København S', 10, 'Urbanplanen mv.', 270],
  ['VIBO', 15, 'Sundholmsvej', 'Sundholmsvej 30, 2300 København S', 10, 'Ved Gyldenrisvej', 230],
  ['AKB', 24, 'Frankrigsgade', 'Frankrigsgade 4, 2300 København S', 9, 'Ved Frankrigsgade', 190],
  ['HAB', 5, 'Holmbladsgade', 'Holmbladsgade 70, 2300 København S', 9, null, 150],
  ['fsb', 55, 'Bispeparken', 'Bispeparken 1, 2400 København NV', 8, 'Nordvest', 850],
  ['fsb', 56, 'Stærekassen', 'Tomsgårdsvej 20, 2400 København NV', 8, 'Nordvest', 210],
  ['AAB', 35, 'Lersø Park', 'Lersø Parkallé 100, 2100 København Ø', 8, 'Ryparken', 470],
  ['KAB', 45, 'Ved Bispebjerg Hospital', 'Bispebjerg Parkallé 8, 2400 København NV', 8, 'Ved Bispebjerg Parkallé', 260],
  ['Lejerbo', 18, 'Glentevej', 'Glentevej 30, 2400 København NV', 8, 'Nordvest', 180],
  ['DAB', 27, 'Rentemestervej', 'Rentemestervej 40, 2400 København NV', 8, 'Nordvest', 240],
  ['BDK', 9, 'Tagensbo', 'Tagensvej 200, 2400 København NV', 8, 'Nordvest', 300],
  ['SAB', 16, 'Akacieparken', 'Akacievej 2, 2500 Valby', 5, 'Ved Kulbanevej', 530],
  ['KAB', 47, 'Folehaven', 'Folehaven 50, 2500 Valby', 5, 'Ved Folehaven', 780],
  ['3B', 63, 'Valby Langgade', 'Valby Langgade 120, 2500 Valby', 5, 'Ved Valby Langgade', 160],
  ['DAB', 28, 'Hornemanns Vænge', 'Hornemanns Vænge 1, 2500 Valby', 5, null, 140],
  ['AKB', 26, 'Sjælør Boulevard', 'Sjælør Boulevard 70, 2450 København SV', 4, 'Sydhavnen', 520],
  ['SAB', 17, 'Sydhavnsgade', 'Sydhavnsgade 12, 2450 København SV', 4, 'Sydhavnen', 310],
  ['fsb', 57, 'Mozarts Plads', 'Mozarts Plads 3, 2450 København SV', 4, 'Sydhavnen', 280],
  ['Lejerbo', 19, 'Hanssted', 'Hansstedvej 5, 2450 København SV', 4, 'Sydhavnen', 220],
  ['FA09', 8, 'Kongens Enghave', 'Borgbygade 2, 2450 København SV', 4, 'Sydhavnen', 200],
  ['VIBO', 16, 'Amagerbro', 'Amagerbrogade 150, 2300 København S', 9, null, 120],
  ['BDK', 10, 'Lundegården', 'Lundegårdsvej 1, 2700 Brønshøj', 7, null, 170],
  ['Lejerbo', 20, 'Vanløsehuse', 'Jydeholmen 3, 2720 Vanløse', 6, null, 110],
  ['AAB', 36, 'Østerbro Huse', 'Jagtvej 210, 2100 København Ø', 2, null, 250],
  ['HAB', 6, 'Nordhavn Vænge', 'Strandboulevarden 150, 2100 København Ø', 2, null, 130],
  ['DFB', 9, 'Christianshavn', 'Prinsessegade 60, 1422 København K', 1, null, 90],
  ['3B', 64, 'Islands Brygge', 'Artillerivej 20, 2300 København S', 10, null, 200],
  ['KAB', 48, 'Ryparken Syd', 'Ryparken 10, 2100 København Ø', 2, 'Ryparken', 260],
];

export const DEMO_PASSWORD = 'demo-helhed-2026';

/** One demo user per role (README lists them). Plan- and body-scoped grants are added by those areas. */
export const demoUsers = [
  { email: 'admin@demo.test', name: 'Anne Admin', grants: [{ role: 'admin' }] },
  { email: 'sekretariat@demo.test', name: 'Søren Sekretariat', grants: [{ role: 'secretariat' }] },
  { email: 'tmf@demo.test', name: 'Tina Teknik', grants: [{ role: 'municipal', administration: 'TMF' }] },
  { email: 'bif@demo.test', name: 'Bo Beskæftigelse', grants: [{ role: 'municipal', administration: 'BIF' }] },
  { email: 'fsb@demo.test', name: 'Frida fsb', grants: [{ role: 'organisation', org: 'fsb' }] },
  { email: 'sab@demo.test', name: 'Sara SAB', grants: [{ role: 'organisation', org: 'SAB' }] },
  { email: 'kab@demo.test', name: 'Karl KAB', grants: [{ role: 'organisation', org: 'KAB' }] },
  { email: 'projektleder@demo.test', name: 'Peter Projektleder', grants: [] },
  { email: 'bestyrelse@demo.test', name: 'Bente Bestyrelse', grants: [] },
  { email: 'aab@demo.test', name: 'Aase AAB', grants: [{ role: 'organisation', org: 'AAB' }] },
  { email: 'vita@demo.test', name: 'Vibeke Vita', grants: [{ role: 'organisation', org: 'Bo-Vita' }] },
  { email: 'akb@demo.test', name: 'Adam AKB', grants: [{ role: 'organisation', org: 'AKB' }] },
  { email: 'lbf@demo.test', name: 'Lars Landsbyggefonden', grants: [{ role: 'lbf' }] },
] as const;
