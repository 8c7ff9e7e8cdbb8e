/**
 * R20 — the national list criteria as dated data (Almenboligloven § 61 a, from 2021 also § 61 b).
 *
 * What was found, and where (searched December 2025; addresses as found):
 * - 2010–2013 lists: three criteria, at least 2 of 3, min. 1,000 residents; non-Western > 50 %,
 *   18–64 outside work/education > 40 % and convicted > 270 per 10,000 residents aged 18+ (= 2.70 %),
 *   both as 4-year averages. Law: "Lov om ændring af lov om almene boliger m.v. (Stop for anvisning
 *   til ghettoområder af visse persongrupper og identifikation af ghettoområder)", 2010,
 *   https://www.retsinformation.dk/Forms/R0710.aspx?id=135224 ; the three thresholds and "2 of 3" as
 *   published by Ministeriet for By, Bolig og Landdistrikter: https://www.tv2ostjylland.dk/artikel/hvad-er-en-ghetto
 *   and http://kommunist.dk/10-aar-med-ghettolisten/ (first list 26 October 2010, 29 areas).
 * - 2014–2017 lists: L 45 (2013-14), introduced 31 October 2013, "mindst tre af følgende kriterier"
 *   (five): https://www.ft.dk/samling/20131/lovforslag/l45/20131_l45_som_fremsat.htm ; also
 *   https://www.berlingske.dk/politik/her-er-de-nye-ghettokriterier ("tre ud af fem") and the ministry's
 *   2017 wording (education incl. "uoplyst"): https://www.sonderborgnyt.dk/ny-ghetto-liste-kommer-i-loebet-af-fredag/
 *   The 1 December 2013 list still followed the 2010 rules: the bill came a month before it, and the
 *   reference CSV's 2013 list is reproduced exactly by "2 of 3" (it has no education or income values,
 *   and Tingbjerg, which meets 3 of 5 in 2014, is not on it). So this set starts with list year 2014.
 * - 2018–2020 lists: udsat boligområde = 2 of 4; ghettoområde = udsat + non-Western > 50 %; convictions
 *   ≥ 3 × the national average; basic education > 60 % (only education taken or approved in Denmark):
 *   https://regeringen.dk/nyheder/2017/ghetto-listen-2017-to-nye-omraader-tilfoejet-fem-fjernet/ghettolisten-definition-af-en-ghetto ,
 *   https://www.trafikstyrelsen.dk/da/Bolig/Udsatte-boligomraader/Udsatte-omraader-og-ghettoomraader .
 *   Hårdt ghettoområde: the law says 4 years, but "for årene 2018-2020" 5 years (the ministry's note of
 *   1 December 2020: https://ft.dk/samling/20201/almdel/BOU/bilag/33/2293806/index.htm ; the
 *   transition: https://www.kristeligt-dagblad.dk/danmark/kriterie-haarde-ghettoer-aendres-boligomraader-faar-ekstra-aar).
 *   Earlier ghetto lists count (Solbakken: "på ghettolisten i alle år i perioden 2016-2020").
 * - 2021– lists: L 23 (2021-22), in force 30 November 2021: "ghettoområde" → parallelsamfund, "hårdt
 *   ghettoområde" → omdannelsesområde after 5 consecutive years (https://bl.dk/bl-informerer/2021/11/5921-nye-regler-om-udpegning-af-forebyggelsesomraader-og-andre-aendringer-i-parallelsamfundslovgivningen/),
 *   new § 61 b forebyggelsesområde (https://www.lovguiden.dk/loven/almenboligloven/61b), current § 61 a:
 *   https://danskelove.dk/almenboligloven/61a .
 */
import type { CriteriaSet, CriterionDefinition } from '../national-criteria-types.ts';

const nonWestern = (id: string, value: string): CriterionDefinition => ({
  id,
  variable: 'nonWesternOrigin',
  comparison: 'above',
  threshold: { kind: 'percent', value },
  label: 'Indvandrere og efterkommere fra ikke-vestlige lande',
  text: `Andelen af indvandrere og efterkommere fra ikke-vestlige lande overstiger ${value} pct.`,
  decimals: 1,
  concernsOrigin: true,
});

const outside = (id: string, value: string, years: number): CriterionDefinition => ({
  id,
  variable: 'outsideWorkOrEducation',
  comparison: 'above',
  threshold: { kind: 'percent', value },
  label: '18–64-årige uden for arbejde eller uddannelse',
  text: `Andelen af beboere i alderen 18-64 år, der er uden tilknytning til arbejdsmarked eller uddannelse, overstiger ${value} pct. opgjort som gennemsnit over de seneste ${years} år.`,
  decimals: 1,
});

const convictedPct = (id: string, value: string, text: string): CriterionDefinition => ({
  id,
  variable: 'convicted',
  comparison: 'above',
  threshold: { kind: 'percent', value },
  label: 'Dømte blandt beboere på 18 år og derover',
  text,
  decimals: 2,
});

const convictedTimes = (id: string, factor: string, word: string): CriterionDefinition => ({
  id,
  variable: 'convicted',
  comparison: 'atLeast',
  threshold: { kind: 'timesNationalRate', factor },
  label: 'Dømte blandt beboere på 18 år og derover',
  text: `Andelen af beboere dømt for overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer udgør mindst ${word} gange landsgennemsnittet opgjort som gennemsnit over de seneste 2 år.`,
  decimals: 2,
});

const basic = (id: string, value: string, note: string): CriterionDefinition => ({
  id,
  variable: 'basicEducationOnly',
  comparison: 'above',
  threshold: { kind: 'percent', value },
  label: '30–59-årige med alene grundskoleuddannelse',
  text: `Andelen af beboere i alderen 30-59 år, der alene har en grundskoleuddannelse, overstiger ${value} pct.${note}`,
  decimals: 1,
});

const income = (id: string, value: string): CriterionDefinition => ({
  id,
  variable: 'grossIncomeVsRegion',
  comparison: 'below',
  threshold: { kind: 'percent', value },
  label: 'Gennemsnitlig bruttoindkomst i forhold til regionen',
  text: `Den gennemsnitlige bruttoindkomst for skattepligtige i alderen 15-64 år i området eksklusive uddannelsessøgende udgør mindre end ${value} pct. af den gennemsnitlige bruttoindkomst for samme gruppe i regionen.`,
  decimals: 1,
});

const CONVICTED_2010 =
  'Antal dømte for overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer pr. 10.000 beboere på 18 år og derover overstiger 270 personer (2,70 pct.), opgjort som gennemsnit over de seneste 4 år.';
const CONVICTED_2014 =
  'Antal dømte for overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer overstiger 2,7 pct. af antallet af beboere på 18 år og derover, opgjort som gennemsnit over de seneste 2 år.';

const udsat2018 = ['outside40', 'convicted3x', 'basic60', 'income55'] as const;

/** R20 — the criteria sets, oldest first. */
export const NATIONAL_CRITERIA_SETS: readonly CriteriaSet[] = [
  {
    id: 'ghetto-2010',
    validFromListYear: 2010,
    legalBasis: 'Almenboligloven § 61 a som indsat i 2010 (identifikation af ghettoområder)',
    sources: ['https://www.retsinformation.dk/Forms/R0710.aspx?id=135224', 'https://www.tv2ostjylland.dk/artikel/hvad-er-en-ghetto'],
    minResidents: 1000,
    criteria: [nonWestern('nonWestern50', '50'), outside('outside40', '40', 4), convictedPct('convicted270', '2.70', CONVICTED_2010)],
    designations: [
      { id: 'ghettoArea', label: 'Ghettoområde', rule: { kind: 'atLeast', count: 2, of: ['nonWestern50', 'outside40', 'convicted270'] } },
    ],
    listDesignation: 'ghettoArea',
  },
  {
    id: 'ghetto-2014',
    validFromListYear: 2014,
    legalBasis: 'Almenboligloven § 61 a som affattet ved L 45 (folketingsåret 2013-14), anvendt fra listen pr. 1. december 2014',
    sources: [
      'https://www.ft.dk/samling/20131/lovforslag/l45/20131_l45_som_fremsat.htm',
      'https://www.berlingske.dk/politik/her-er-de-nye-ghettokriterier',
    ],
    minResidents: 1000,
    criteria: [
      nonWestern('nonWestern50', '50'),
      outside('outside40', '40', 2),
      convictedPct('convicted270', '2.70', CONVICTED_2014),
      basic('basic50', '50', ' Beboere med uoplyst uddannelse tælles med.'),
      income('income55', '55'),
    ],
    designations: [
      {
        id: 'ghettoArea',
        label: 'Ghettoområde',
        rule: { kind: 'atLeast', count: 3, of: ['nonWestern50', 'outside40', 'convicted270', 'basic50', 'income55'] },
        note: 'Første liste efter disse regler er listen pr. 1. december 2014; listen pr. 1. december 2013 fulgte 2010-reglerne.',
      },
    ],
    listDesignation: 'ghettoArea',
  },
  {
    id: 'ghetto-2018',
    validFromListYear: 2018,
    legalBasis: 'Almenboligloven § 61 a som ændret i 2018 (parallelsamfundspakken)',
    sources: [
      'https://www.trafikstyrelsen.dk/da/Bolig/Udsatte-boligomraader/Udsatte-omraader-og-ghettoomraader',
      'https://ft.dk/samling/20201/almdel/BOU/bilag/33/2293806/index.htm',
    ],
    minResidents: 1000,
    criteria: [
      outside('outside40', '40', 2),
      convictedTimes('convicted3x', '3', '3'),
      basic('basic60', '60', ' Kun uddannelser taget eller godkendt i Danmark medregnes.'),
      income('income55', '55'),
      nonWestern('nonWestern50', '50'),
    ],
    designations: [
      { id: 'vulnerableArea', label: 'Udsat boligområde', rule: { kind: 'atLeast', count: 2, of: udsat2018 } },
      {
        id: 'ghettoArea',
        label: 'Ghettoområde',
        rule: {
          kind: 'all',
          of: [
            { kind: 'designation', designation: 'vulnerableArea' },
            { kind: 'criterion', criterion: 'nonWestern50' },
          ],
        },
      },
      {
        id: 'hardGhettoArea',
        label: 'Hårdt ghettoområde',
        rule: { kind: 'consecutiveYears', designation: 'ghettoArea', years: 5, counting: ['ghettoArea'] },
        note: 'Loven siger 4 år, men for årene 2018-2020 gjaldt en overgangsregel på 5 år i træk; tidligere ghettolister tæller med.',
      },
    ],
    listDesignation: 'ghettoArea',
  },
  {
    id: 'parallel-2021',
    validFromListYear: 2021,
    legalBasis: 'Almenboligloven §§ 61 a og 61 b som ændret ved L 23 (2021-22), i kraft 30. november 2021',
    sources: ['https://danskelove.dk/almenboligloven/61a', 'https://www.lovguiden.dk/loven/almenboligloven/61b'],
    minResidents: 1000,
    criteria: [
      outside('outside40', '40', 2),
      convictedTimes('convicted3x', '3', 'tre'),
      basic('basic60', '60', ''),
      income('income55', '55'),
      nonWestern('nonWestern50', '50'),
      nonWestern('nonWestern30', '30'),
      outside('outside30', '30', 2),
      convictedTimes('convicted2x', '2', 'to'),
      income('income65', '65'),
    ],
    designations: [
      { id: 'vulnerableArea', label: 'Udsat boligområde', rule: { kind: 'atLeast', count: 2, of: udsat2018 } },
      {
        id: 'parallelSociety',
        label: 'Parallelsamfund',
        rule: {
          kind: 'all',
          of: [
            { kind: 'designation', designation: 'vulnerableArea' },
            { kind: 'criterion', criterion: 'nonWestern50' },
          ],
        },
      },
      {
        id: 'transformationArea',
        label: 'Omdannelsesområde',
        rule: { kind: 'consecutiveYears', designation: 'parallelSociety', years: 5, counting: ['parallelSociety', 'ghettoArea'] },
        note: 'Parallelsamfund de seneste 5 år; år som ghettoområde før 2021 tæller med.',
      },
      {
        id: 'preventionArea',
        label: 'Forebyggelsesområde',
        rule: {
          kind: 'all',
          of: [
            { kind: 'criterion', criterion: 'nonWestern30' },
            { kind: 'atLeast', count: 2, of: ['outside30', 'convicted2x', 'basic60', 'income65'] },
            { kind: 'not', rule: { kind: 'designation', designation: 'vulnerableArea' } },
          ],
        },
        note:
          'Udsatte boligområder står ikke også på listen over forebyggelsesområder (ministeriets praksis, jf. BL: ' +
          'områder, der forlader listen over udsatte områder, udpeges i stedet som forebyggelsesområder); § 61 b nævner det ikke.',
      },
    ],
    listDesignation: 'parallelSociety',
  },
];
