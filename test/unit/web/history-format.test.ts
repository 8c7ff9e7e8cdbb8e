import { describe, expect, it } from 'vitest';
import { historyAction, historyChanges, historyValue } from '../../../src/web/history-format.tsx';

describe('The history page in Danish', () => {
  it('labels fields in Danish, hides bookkeeping and counts the fields it has no name for', () => {
    const { shown, others } = historyChanges([
      { field: 'state', before: 'planned', after: 'agenda_sent' },
      { field: 'agenda_sent_at', before: null, after: '2026-11-20T08:00:00.000Z' },
      { field: 'version', before: 3, after: 4 },
      { field: 'updated_at', before: '2026-11-19T08:00:00.000Z', after: '2026-11-20T08:00:00.000Z' },
      { field: 'someInternalFlag', before: 'a', after: 'b' },
    ]);
    expect(shown).toEqual([
      { label: 'Status', before: 'Planlagt', after: 'Dagsorden udsendt' },
      { label: 'Dagsorden udsendt', before: '(tom)', after: '20.11.2026 kl. 09.00' },
    ]);
    expect(others).toBe(1);
  });

  it.each([
    ['starts_on', '2026-01-01', '01.01.2026'],
    ['amount_ore', 20_000_000, '200.000,00 kr.'],
    ['amountOre', '15000000', '150.000,00 kr.'],
    ['closed', true, 'Ja'],
    ['state', 'awaiting_lbf', 'Godkendt – afventer Landsbyggefonden'],
    ['after', { title: 'Lektiecafé', startsOn: '2026-02-01', version: 2 }, 'Titel: Lektiecafé, Startdato: 01.02.2026'],
    ['edits', [{ op: 'moveBudget', amountOre: 100 }], 'Beløb: 1,00 kr.'],
  ] as const)('%s %j reads %s', (field, value, expected) => {
    expect(historyValue(field, value)).toBe(expected);
  });

  it('names actions in the past tense, never in English', () => {
    expect(historyAction('sendMinutes')).toBe('Referat sendt til godkendelse');
    expect(historyAction('somethingNew')).toBe('Ændret');
  });
});
