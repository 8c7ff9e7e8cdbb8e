/** All fixed interface texts that more than one page uses, in Danish. */
export const msg = {
  required: (what: string) => `Skriv ${what}.`,
  choose: (what: string) => `Vælg ${what}.`,
  wholeNumber: (what: string) => `${what} skal være et helt tal, 0 eller derover.`,
  date: (what: string) => `${what} skal være en gyldig dato.`,
  tooLong: (what: string, max: number) => `${what} må højst være ${max} tegn.`,
  saved: 'Ændringerne er gemt.',
  created: 'Oprettet.',
  deleted: 'Slettet.',
  errorSummaryTitle: 'Der er en fejl i formularen',
  conflictTitle: 'En anden har ændret oplysningerne',
  conflictText:
    'Mens du redigerede, har en anden gemt en ændring. Dine ændringer er ikke gemt. Se nedenfor, hvad der er ændret, og gem igen, hvis dine ændringer stadig skal med.',
  loginFailed: 'E-mail eller adgangskode er forkert.',
  demo: 'Demodata: organisationerne og de offentligt kendte planers navne, bydele, år og parter er rigtige (med kilde); afdelinger, øvrige planer, indhold og personer er opdigtede.',
};

/** Danish names of entity fields, for history and conflict pages. */
export const fieldLabels: Record<string, string> = {
  name: 'Navn',
  short_name: 'Forkortelse',
  cvr: 'CVR-nummer',
  website: 'Websted',
  number: 'Nummer',
  address: 'Adresse',
  postal_code: 'Postnummer',
  organisation_id: 'Boligorganisation',
  district_id: 'Bydel',
  urban_area_id: 'Udsat byområde',
  dwellings: 'Antal boliger',
  residents: 'Antal beboere',
  area_group: 'Byområde',
  valid_from: 'Gyldig fra',
  valid_to: 'Gyldig til',
  is_demo: 'Demodata',
};
