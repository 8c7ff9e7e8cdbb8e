/** Meeting times are entered and shown in Copenhagen time and stored as instants. */

const tz = 'Europe/Copenhagen';

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: tz,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(d: Date) {
  const p = formatter.formatToParts(d);
  const g = (t: string) => p.find((x) => x.type === t)!.value;
  return { date: `${g('year')}-${g('month')}-${g('day')}`, time: `${g('hour')}:${g('minute')}`, seconds: g('second') };
}

/** `2026-11-22`, `14:30` in Copenhagen → the instant. */
export function copenhagenInstant(date: string, time: string): Date {
  const naive = new Date(`${date}T${time}:00Z`);
  const offset = (d: Date) => {
    const p = parts(d);
    return (new Date(`${p.date}T${p.time}:${p.seconds}Z`).getTime() - d.getTime()) / 60000;
  };
  let guess = new Date(naive.getTime() - offset(naive) * 60000);
  guess = new Date(naive.getTime() - offset(guess) * 60000);
  return guess;
}

/** The Copenhagen calendar day and clock time of an instant. */
export function copenhagenParts(d: Date): { date: string; time: string } {
  const p = parts(d);
  return { date: p.date, time: p.time };
}
