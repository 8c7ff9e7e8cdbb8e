import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, decimal, formatDa, fraction, multiply } from '../../../src/domain/keyfigures/index.ts';

describe('R20 exact numbers for thresholds', () => {
  it.each([
    ['2.70', '2.7', 0],
    ['2.71', '2.70', 1],
    [0.1 + 0.2, '0.3', 1], // the float sum is 0.30000000000000004, read exactly as written
    ['1e-2', '0.01', 0],
    [55, '55.0', 0],
  ] as const)('R20 decimal(%s) compared with decimal(%s) is %i', (a, b, expected) => {
    expect(compare(decimal(a), decimal(b))).toBe(expected);
  });

  it('R20 3 × 0.1 is exactly 0.3 (in floating point it is 0.30000000000000004)', () => {
    expect(3 * 0.1).not.toBe(0.3);
    expect(compare(multiply(decimal(3), decimal(0.1)), decimal('0.3'))).toBe(0);
  });

  it.each([
    [fraction(433, 10), 1, '43,3'],
    [fraction(4335, 100), 1, '43,4'],
    [fraction(6527), 0, '6.527'],
    [fraction(1, 3), 2, '0,33'],
    [fraction(-5, 2), 0, '−3'],
    [fraction(1234567, 1), 1, '1.234.567,0'],
  ])('R18 %o with %i decimals is shown in Danish as %s', (r, decimals, text) => {
    expect(formatDa(r, decimals)).toBe(text);
  });

  it.each(['', 'abc', '1,5', '2.7.0'])('R20 "%s" is not a decimal', (text) => {
    expect(() => decimal(text)).toThrow('not a decimal');
  });

  it('R20 property: comparing exact fractions agrees with cross-multiplying whole numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (a, b, c, d) => {
          expect(compare(fraction(a, b), fraction(c, d))).toBe(Math.sign(a * d - c * b) || 0);
        },
      ),
    );
  });
});
