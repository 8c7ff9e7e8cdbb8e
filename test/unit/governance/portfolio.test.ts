import { describe, expect, it } from 'vitest';
import { portfolioFactOn, portfolioFacts } from '../../../src/domain/governance/portfolio.ts';

describe('R16 portfolio history', () => {
  it('R16 on 1 January 2014 there were 18 plans, 17 of them co-financed from the pool, with the source quoted', () => {
    const f = portfolioFactOn('2014-01-01');
    expect(f).toMatchObject({ on: '2014-01-01', plans: 18, coFinanced: 17 });
    expect(f?.source).toContain('Per 1. januar 2014 er der 18 boligsociale helhedsplaner');
  });

  it('R16 a day before the first public fact has none; a later day shows the latest fact with its own date', () => {
    expect(portfolioFactOn('2013-12-31')).toBeNull();
    expect(portfolioFactOn('2015-06-01')?.on).toBe('2014-01-01');
    expect(portfolioFactOn('2020-01-01', [...portfolioFacts, { on: '2019-01-01', plans: 33, coFinanced: 0, source: 'x' }])?.plans).toBe(33);
  });
});
