import { describe, expect, it } from 'vitest';
import { checkCriterionValues, checkMeasurement, implausibleValue, unitKind } from '../../../src/domain/measurements.ts';

describe('R4 the unit of an indicator', () => {
  it.each([
    ['%', 'percent'],
    [' % af 18–64-årige', 'percent'],
    ['pct.', 'percent'],
    ['Procent', 'percent'],
    ['procentpoint', 'other'],
    ['antal', 'count'],
    ['Antal unge', 'count'],
    ['personer', 'count'],
    ['kr.', 'other'],
    ['', 'other'],
  ])('R4 reads "%s" as %s', (unit, kind) => {
    expect(unitKind(unit)).toBe(kind);
  });
});

describe('R4 a plausible value for the unit', () => {
  it.each([
    ['%', -50, 'En procentandel skal ligge mellem 0 og 100.'],
    ['%', 1e20, 'En procentandel skal ligge mellem 0 og 100.'],
    ['%', 100.01, 'En procentandel skal ligge mellem 0 og 100.'],
    ['%', 0, null],
    ['%', 100, null],
    ['%', 47.3, null],
    ['antal', -1, 'Et antal kan ikke være negativt.'],
    ['antal', 0, null],
    ['antal', 1200, null],
    ['procentpoint', -3, null],
    ['kr.', -250, null],
    ['kr.', 1e20, 'Værdien er urimeligt stor. Tjek, om der er tastet forkert.'],
    ['', Number.NaN, 'Skriv et tal.'],
  ])('R4 unit "%s", value %s → %s', (unit, value, message) => {
    expect(implausibleValue(unit, value)).toBe(message);
  });
});

describe('R4 a measurement', () => {
  const today = '2026-11-22';
  it('R4 is plausible with a value in range measured up to today', () => {
    expect(checkMeasurement({ unit: '%', value: 45, measuredOn: today }, today)).toEqual({});
  });
  it('R4 is refused when dated in the future (2031), at the date field', () => {
    expect(checkMeasurement({ unit: '%', value: 45, measuredOn: '2031-01-01' }, today)).toEqual({
      measuredOn: 'Måledatoen må ikke ligge i fremtiden.',
    });
    expect(checkMeasurement({ unit: '%', value: 45, measuredOn: '2026-11-23' }, today)).toHaveProperty('measuredOn');
  });
  it('R4 reports every problem at once', () => {
    expect(Object.keys(checkMeasurement({ unit: '%', value: -50, measuredOn: '2031-01-01' }, today)).sort()).toEqual([
      'measuredOn',
      'value',
    ]);
  });
  it('R4 a criterion’s baseline and target must be plausible for its unit too', () => {
    expect(checkCriterionValues({ unit: '%', baselineValue: 40, targetValue: 150 })).toEqual({
      targetValue: 'En procentandel skal ligge mellem 0 og 100.',
    });
    expect(checkCriterionValues({ unit: 'antal', baselineValue: -2, targetValue: 10 })).toEqual({
      baselineValue: 'Et antal kan ikke være negativt.',
    });
    expect(checkCriterionValues({ unit: '%', baselineValue: 40, targetValue: 60 })).toEqual({});
  });
});
