/**
 * The demo registry: the real housing organisations active in Copenhagen, named as the public sources in
 * `../shared/data` and `../shared/seeds` name them, each with its source (`source`); and invented but plausible
 * estates (marked is_demo) placed in real districts and vulnerable urban areas.
 */
export const DEMO_SOURCES = {
  tingbjerg: 'https://bha.dk/2020/06/helhedsplan-til-afstemning/',
  amagerbro: 'http://amagerbrohelhedsplan.dk/?page_id=75',
  lundtoftegade: 'http://docplayer.dk/3843953-Endelig-helhedsplan-for-a-k-b-lundtoftegade-2007-2011.html',
  mjoelnerparken: 'https://www.bo-vest.dk/boligsocial/helhedsplan-mjoelnerparken/',
  mjoelnerparkenPhysical: 'https://www.kk.dk/nyheder/mj%C3%B8lnerparken-n%C3%A6rmer-sig-sit-helhedsl%C3%B8ft',
  aldersrogade2020: 'https://bedsteemner.dk/bibliot/artik/read/473-hvor-mange-ghettoer-er-der-i-danmark',
  structure2016: 'Københavns Kommune: Ny struktur for styringen af de boligsociale indsatser i København, 1. februar 2016',
} as const;

/** The organisations; `source` null means the name is not found in the reference data (shown as such). */
export const demoOrganisations: readonly { shortName: string; name: string; source: string | null }[] = [
  { shortName: 'fsb', name: 'fsb', source: DEMO_SOURCES.tingbjerg },
  { shortName: 'KAB', name: 'KAB', source: DEMO_SOURCES.lundtoftegade },
  { shortName: 'AKB', name: 'AKB København', source: DEMO_SOURCES.lundtoftegade },
  { shortName: '3B', name: '3B', source: null },
  { shortName: 'SAB', name: 'SAB', source: DEMO_SOURCES.tingbjerg },
  { shortName: 'Lejerbo', name: 'Lejerbo København', source: DEMO_SOURCES.mjoelnerparkenPhysical },
  { shortName: 'DAB', name: 'DAB', source: DEMO_SOURCES.structure2016 },
  { shortName: 'FA09', name: 'FA09', source: DEMO_SOURCES.structure2016 },
  { shortName: 'BDK', name: 'Boligkontoret Danmark', source: DEMO_SOURCES.structure2016 },
  { shortName: 'AAB', name: 'AAB', source: DEMO_SOURCES.amagerbro },
  { shortName: 'VIBO', name: 'Boligforeningen VIBO', source: DEMO_SOURCES.amagerbro },
  { shortName: 'Bo-Vita', name: 'Bo-Vita', source: DEMO_SOURCES.mjoelnerparken },
  { shortName: 'HAB', name: 'HAB II', source: DEMO_SOURCES.amagerbro },
  { shortName: 'DFB', name: 'DFB', source: DEMO_SOURCES.amagerbro },
];

/** [organisation, number, name, address, district number, urban area (delområde) or null, dwellings] */
export const demoEstates: [string, number, string, string, number, string | null, number][] = [
  ['fsb', 51, 'Tingbjerg I', 'Ruten 1, 2700 Brønshøj', 7, 'Tingbjerg/Husum', 820],
  ['SAB', 12, 'Tingbjerg II', 'Terrasserne 2, 2700 Brønshøj', 7, 'Tingbjerg/Husum', 790],
  ['fsb', 52, 'Utterslevhuse', 'Utterslev Huse 4, 2700 Brønshøj', 7, 'Tingbjerg/Husum', 310],
  ['SAB', 14, 'Husumgård', 'Husumgårdsvej 3, 2700 Brønshøj', 7, 'Tingbjerg/Husum', 240],
  ['Bo-Vita', 3, 'Mjølnerparken', 'Mjølnerparken 1, 2200 København N', 3, 'Ydre Nørrebro', 560],
  ['AKB', 21, 'Lundtoftegade', 'Lundtoftegade 20, 2200 København N', 3, 'Ydre Nørrebro', 620],
  ['Bo-Vita', 4, 'Aldersrogade', 'Aldersrogade 6, 2100 København Ø', 3, 'Ved Jagtvej', 460],
  ['VIBO', 17, 'Aldersrogade Syd', 'Aldersrogade 2, 2100 København Ø', 3, 'Ved Jagtvej', 250],
  ['FA09', 7, 'Nørrebroparken', 'Hillerødgade 10, 2200 København N', 3, 'Ved Bispeengbuen', 330],
  ['KAB', 41, 'Blågården', 'Blågårdsgade 15, 2200 København N', 3, 'Indre Nørrebro', 600],
  ['DFB', 8, 'Hørgården Nord', 'Hørgården 2, 2300 København S', 10, 'Urbanplanen mv.', 410],
  ['3B', 61, 'Hørgården Syd', 'Hørgården 40, 2300 København S', 10, 'Urbanplanen mv.', 380],
  ['KAB', 43, 'Urbanplanen Øst', 'Røde Mellemvej 1, 2300 København S', 10, 'Urbanplanen mv.', 660],
  ['3B', 62, 'Remisevej', 'Remisevej 5, 2300 København S', 10, 'Urbanplanen mv.', 270],
  ['VIBO', 15, 'Sundholmsvej', 'Sundholmsvej 30, 2300 København S', 10, 'Ved Gyldenrisvej', 230],
  ['AKB', 24, 'Frankrigsgade', 'Frankrigsgade 4, 2300 København S', 9, 'Ved Frankrigsgade', 190],
  ['HAB', 5, 'Holmbladsgade', 'Holmbladsgade 70, 2300 København S', 9, null, 150],
  ['DFB', 10, 'Sundholmskvarteret', 'Sundholmsvej 8, 2300 København S', 10, 'Ved Gyldenrisvej', 180],
  ['AAB', 37, 'Holmbladsgade Nord', 'Holmbladsgade 30, 2300 København S', 9, null, 160],
  ['fsb', 58, 'Amagerbrogade Øst', 'Amagerbrogade 90, 2300 København S', 9, null, 140],
  ['fsb', 55, 'Bispeparken', 'Bispeparken 1, 2400 København NV', 8, 'Nordvest', 850],
  ['fsb', 56, 'Stærevej', 'Stærevej 20, 2400 København NV', 8, 'Nordvest', 210],
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
  { email: 'bovita@demo.test', name: 'Villum Vita', grants: [{ role: 'organisation', org: 'Bo-Vita' }] },
  { email: 'projektleder@demo.test', name: 'Peter Projektleder', grants: [] },
  { email: 'bestyrelse@demo.test', name: 'Bente Bestyrelse', grants: [] },
  { email: 'aab@demo.test', name: 'Aase AAB', grants: [{ role: 'organisation', org: 'AAB' }] },
  { email: 'vita@demo.test', name: 'Vibeke Vita', grants: [{ role: 'organisation', org: 'Bo-Vita' }] },
  { email: 'akb@demo.test', name: 'Adam AKB', grants: [{ role: 'organisation', org: 'AKB' }] },
  { email: 'lbf@demo.test', name: 'Lars Landsbyggefonden', grants: [{ role: 'lbf' }] },
] as const;
