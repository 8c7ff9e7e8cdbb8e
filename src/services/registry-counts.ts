import type { ServiceContext } from './context.ts';

/** How many districts, urban areas, organisations and estates the registry holds (public facts). */
export async function registryCounts(ctx: ServiceContext) {
  const count = (t: 'district' | 'urban_area' | 'organisation' | 'estate') =>
    ctx.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const [districts, areas, orgs, estates] = await Promise.all([
    count('district'),
    count('urban_area'),
    count('organisation'),
    count('estate'),
  ]);
  return { districts, areas, orgs, estates };
}
