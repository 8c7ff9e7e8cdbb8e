import { administrations, type BodyType } from './labels.ts';

/** A member as the composition rules see it. */
export interface SeatHolder {
  representsKind: 'organisation' | 'administration' | 'other';
  organisationId: number | null;
  administration: string | null;
  level: string;
  role: string;
  /** Whom an 'other' member represents, as shown ("Lejernes LO i Hovedstaden"). */
  representsLabel?: string;
}

export interface SeatWarning {
  rule: string;
  message: string;
}

const has = (ms: SeatHolder[], p: (m: SeatHolder) => boolean) => ms.some(p);

/**
 * R9, R10, R14, R15, R16 — a body type's expected composition; each missing seat is a warning shown on
 * the body's page. `organisationsInScope` are the housing organisations with plans in the body's
 * districts (district boards must seat each of them at forretningsfører level).
 */
export function compositionWarnings(
  type: BodyType | string,
  members: SeatHolder[],
  ctx: { organisationsInScope?: { id: number; name: string }[] } = {},
): SeatWarning[] {
  const w: SeatWarning[] = [];
  const admin = (a: string, levels?: string[]) =>
    has(members, (m) => m.representsKind === 'administration' && m.administration === a && (!levels || levels.includes(m.level)));
  const orgs = members.filter((m) => m.representsKind === 'organisation');
  switch (type) {
    case 'city_board':
      if (!admin('TMF', ['director']))
        w.push({ rule: 'R9', message: 'Mangler en repræsentant for Teknik- og Miljøforvaltningen (TMF) på direktørniveau.' });
      if (!orgs.some((m) => m.level === 'director' || m.level === 'business_manager'))
        w.push({ rule: 'R9', message: 'Mangler repræsentanter for boligorganisationerne på direktør- eller forretningsførerniveau.' });
      break;
    case 'district_board':
      if (!admin('TMF', ['central_head']))
        w.push({ rule: 'R10', message: 'Mangler en central chef fra Teknik- og Miljøforvaltningen (TMF).' });
      for (const a of ['SOF', 'BIF', 'BUF'])
        if (!admin(a, ['decentral_head', 'central_head'])) w.push({ rule: 'R10', message: `Mangler en decentral chef fra ${a}.` });
      if (!orgs.some((m) => m.level === 'business_manager'))
        w.push({ rule: 'R10', message: 'Mangler boligorganisationerne på forretningsførerniveau.' });
      for (const o of ctx.organisationsInScope ?? [])
        if (!orgs.some((m) => m.organisationId === o.id))
          w.push({ rule: 'R10', message: `${o.name} har planer i bydelen, men ingen plads i bestyrelsen.` });
      break;
    case 'local_group':
      if (!has(members, (m) => m.level === 'resident')) w.push({ rule: 'R14', message: 'Mangler beboervalgte.' });
      if (!has(members, (m) => m.level === 'project_leader')) w.push({ rule: 'R14', message: 'Mangler de boligsociale projektledere.' });
      break;
    case 'forum':
      for (const a of ['TMF', 'SOF', 'BIF', 'BUF', 'KFF', 'SUF', 'ØKF'])
        if (!admin(a)) w.push({ rule: 'R16', message: `Mangler en repræsentant for ${a}; alle syv forvaltninger skal være med.` });
      if (!orgs.length) w.push({ rule: 'R16', message: 'Mangler boligorganisationerne.' });
      break;
    case 'partnership_forum': {
      // R19 — the 7 mayors, a shared chair (the Lord Mayor, ØKF, and the Technical and Environmental Mayor, TMF), up to 7 named by BL's 1st district.
      for (const a of administrations)
        if (!admin(a)) w.push({ rule: 'R19', message: `Mangler borgmesteren for ${a}; alle 7 borgmestre repræsenterer kommunen.` });
      const chairs = members.filter((m) => m.role === 'chair');
      for (const a of ['ØKF', 'TMF'])
        if (!chairs.some((m) => m.representsKind === 'administration' && m.administration === a))
          w.push({
            rule: 'R19',
            message: `Formandskabet skal deles mellem overborgmesteren og teknik- og miljøborgmesteren; ${a === 'ØKF' ? 'overborgmesteren (ØKF)' : 'teknik- og miljøborgmesteren (TMF)'} er ikke formand.`,
          });
      if (orgs.length > 7) w.push({ rule: 'R19', message: `BL's 1. kreds udpeger højst 7 medlemmer; der er ${orgs.length}.` });
      if (!orgs.length) w.push({ rule: 'R19', message: "Mangler medlemmerne udpeget af BL's 1. kreds." });
      break;
    }
    case 'cooperation_forum': {
      // R19 — all 7 administrations, 8 named by BL's 1st district, 1 named by Lejernes LO.
      for (const a of administrations)
        if (!admin(a)) w.push({ rule: 'R19', message: `Mangler en repræsentant for ${a}; alle 7 forvaltninger skal være med.` });
      if (orgs.length !== 8) w.push({ rule: 'R19', message: `BL's 1. kreds udpeger 8 medlemmer; der er ${orgs.length}.` });
      const tenants = members.filter((m) => m.representsKind === 'other' && /lejernes lo/i.test(m.representsLabel ?? ''));
      if (tenants.length !== 1) w.push({ rule: 'R19', message: `Lejernes LO i Hovedstaden udpeger 1 medlem; der er ${tenants.length}.` });
      break;
    }
    case 'secretariat': {
      const placed = new Set(orgs.map((m) => m.organisationId));
      if (placed.size === 0) w.push({ rule: 'R15', message: 'Sekretariatet er ikke placeret i en boligorganisation.' });
      if (placed.size > 1) w.push({ rule: 'R15', message: 'Sekretariatet skal være placeret i én boligorganisation.' });
      break;
    }
  }
  if (type !== 'secretariat' && members.length && !has(members, (m) => m.role === 'chair'))
    w.push({
      rule:
        type === 'city_board'
          ? 'R9'
          : type === 'district_board'
            ? 'R10'
            : type === 'partnership_forum' || type === 'cooperation_forum'
              ? 'R19'
              : 'R14',
      message: 'Der er ingen formand.',
    });
  return w;
}

/**
 * R9, R10, R14 — the meeting rhythm: the city board meets 1–2 times a year, the district boards about 4 times, a local
 * group as often as it has set for itself.
 * Warns when fewer meetings were held in the last twelve months than the body's minimum, or none is planned.
 */
export function rhythmWarnings(
  body: { type: string; minPerYear: number | null; validFrom: string },
  meetings: { startsOn: string; state: string }[],
  today: string,
): SeatWarning[] {
  if (body.minPerYear === null) return [];
  const rule =
    body.type === 'city_board'
      ? 'R9'
      : body.type === 'partnership_forum' || body.type === 'cooperation_forum'
        ? 'R19'
        : body.type === 'local_group'
          ? 'R14'
          : 'R10';
  const w: SeatWarning[] = [];
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const held = meetings.filter((m) => m.state !== 'cancelled' && m.startsOn <= today && m.startsOn > yearAgo).length;
  // A body younger than a year is held to its share of the year.
  const months = body.validFrom > yearAgo ? monthsBetween(body.validFrom, today) : 12;
  const expected = Math.floor((body.minPerYear * months) / 12);
  if (held < expected)
    w.push({
      rule,
      message: `Kun ${held} møde${held === 1 ? '' : 'r'} de seneste 12 måneder; forventet mindst ${body.minPerYear} om året.`,
    });
  if (!meetings.some((m) => m.state !== 'cancelled' && m.startsOn >= today))
    w.push({ rule, message: 'Der er ikke planlagt noget næste møde.' });
  return w;
}

const monthsBetween = (a: string, b: string) =>
  Math.max(0, (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7)));

/** R13 — a district board's mandate is in force when both its terms of reference and rules of procedure are approved by the city board and then LBF. */
export function mandateStatus(docs: { kind: string; state: string }[]): { inForce: boolean; missing: string[] } {
  const missing: string[] = [];
  if (!docs.some((d) => d.kind === 'terms_of_reference' && d.state === 'in_force')) missing.push('kommissorium');
  if (!docs.some((d) => d.kind === 'rules_of_procedure' && d.state === 'in_force')) missing.push('forretningsorden');
  return { inForce: missing.length === 0, missing };
}
