import { parseArgs } from 'node:util';
import { isCi, loadConfig, type Config } from '../config.ts';
import { DataDirLocked, openDatabase } from '../db/database.ts';
import { migrateToLatest, migrationCount as latestMigrationCount } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { administrations, type Administration, type Role, roles, systemActor } from '../policy/actor.ts';
import { loadReferenceData } from '../services/reference.ts';

// The application's modules load when a command needs them: `serve` opens the embedded database meanwhile.
const areaHooks = async () => {
  const { areas, composeAreas } = await import('../areas/index.ts');
  return composeAreas(areas);
};

const EXIT = { ok: 0, error: 1, usage: 2, locked: 3 } as const;

const help: Record<string, string> = {
  main: `helhed — boligsociale helhedsplaner i København

Brug: helhed <kommando> [tilvalg]

Kommandoer:
  serve          start webserveren (PORT, HOST)
  migrate        bring databasen op til nyeste skema
  demo           indlæs demodata i en tom database
  user add       opret en bruger med en rolle
  token create   lav en API-nøgle til en bruger (skrives alene på stdout)
  backup FIL     tag en sikkerhedskopi af hele databasen
  restore FIL    gendan en sikkerhedskopi i en tom database

Alle kommandoer bruger HELHED_DATA_DIR (indlejret database, standard ./data) eller DATABASE_URL (PostgreSQL).
Skriv helhed <kommando> --help for detaljer.`,
  serve: `Brug: helhed serve [--demo]

Starter Helhed på http://HOST:PORT (standard localhost:3000). Kører migreringer først.
  --demo   indlæs demodata, hvis databasen er tom, og tillad demobrugerne`,
  migrate: `Brug: helhed migrate

Kører alle manglende migreringer og skriver det nye niveau.`,
  demo: `Brug: helhed demo [--scale demo|national] [--seed N]

Indlæser demodata (organisationer, afdelinger, planer, bestyrelser, nøgletal og en bruger pr. rolle)
i en database uden brugere.
  --scale national   i stedet det nationale datasæt til ydelsesmålinger (300 planer, 8.000 afdelinger,
                     10 års nøgletal, 200.000 revisionsspor …), ens for samme --seed (standard 2026)`,
  'user add': `Brug: helhed user add --email E --name NAVN --role ROLLE [--organisation FORKORTELSE] [--administration FORV] [--password-stdin]

Roller: ${roles.join(', ')}
Forvaltninger (til rollen municipal): ${administrations.join(', ')}
Adgangskoden læses fra stdin med --password-stdin (mindst 10 tegn); ellers oprettes brugeren uden adgangskode.`,
  backup: `Brug: helhed backup FIL

Skriver en sikkerhedskopi af alle tabeller til FIL (gzip'ede JSON-linjer med skemaets migreringsniveau).
Kopien er konsistent: den læses i én transaktion (REPEATABLE READ).
  PostgreSQL (DATABASE_URL): kan tages, mens serveren kører.
  Indlejret database (HELHED_DATA_DIR): stop serveren først; ellers afvises kommandoen (afslutningskode 3).`,
  restore: `Brug: helhed restore FIL

Gendanner en sikkerhedskopi fra helhed backup i én transaktion. Databasen migreres først og skal være tom
(ingen brugere, organisationer, afdelinger, planer eller historik) og på samme migreringsniveau som kopien;
ellers afvises gendannelsen, og intet ændres. Id-tællerne fortsætter efter de gendannede rækker.
  Indlejret database: stop serveren først (afslutningskode 3, hvis den kører).`,
  'token create': `Brug: helhed token create --user EMAIL [--name NAVN]

Laver en ny API-nøgle og skriver kun nøglen på stdout. Brug den som "Authorization: Bearer <nøgle>".`,
};

class Usage extends Error {}

async function withDatabase<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    await loadReferenceData(database.db);
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Runs one CLI command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, sub] = argv;
  const key = cmd === 'user' || cmd === 'token' ? `${cmd} ${sub ?? ''}` : (cmd ?? '');
  const rest = argv.slice(key.includes(' ') ? 2 : 1);
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.log(help.main);
    return cmd ? EXIT.ok : EXIT.usage;
  }
  if (!(key in help)) {
    console.error(`Ukendt kommando: ${argv.slice(0, 2).join(' ')}\n\n${help.main}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(help[key]);
    return EXIT.ok;
  }
  try {
    const config = loadConfig();
    switch (key) {
      case 'serve': {
        const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean', default: false } } });
        const demo = values.demo ?? false;
        const opening = openDatabase(config.database, { demo });
        opening.catch(() => {}); // awaited by start(); a refusal (folder locked) is handled there
        const { start } = await import('../main.ts');
        await start(config, { demo }, undefined, opening);
        return await new Promise<number>(() => {});
      }
      case 'migrate': {
        const database = await openDatabase(config.database);
        try {
          const r = await migrateToLatest(database.db);
          console.log(
            r.applied.length
              ? `Kørte ${r.applied.length} migreringer. Niveau: ${r.level}`
              : database.fromArchive
                ? `Oprettede en ny database med alle ${latestMigrationCount} migreringer. Niveau: ${r.level}`
                : `Databasen er allerede på nyeste niveau: ${r.level}`,
          );
        } finally {
          await database.close();
        }
        return EXIT.ok;
      }
      case 'demo': {
        const { values } = parseArgs({
          args: rest,
          options: { scale: { type: 'string', default: 'demo' }, seed: { type: 'string', default: '2026' } },
        });
        if (values.scale === 'national') {
          const seed = Number(values.seed);
          if (!Number.isInteger(seed)) throw new Usage('--seed skal være et heltal.');
          const t0 = performance.now();
          const { loadNationalData } = await import('../demo/national.ts');
          const { nationalSteps, hooks } = await areaHooks();
          await withDatabase(config, (db) => loadNationalData(db, seed, nationalSteps, hooks, (m) => console.error(m)));
          console.log(`Det nationale datasæt (frø ${seed}) er indlæst på ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
          return EXIT.ok;
        }
        if (values.scale !== 'demo') throw new Usage('--scale skal være demo eller national.');
        const { demoSteps, hooks } = await areaHooks();
        const { loadDemoData } = await import('../demo/load.ts');
        const r = await withDatabase(config, (db) => loadDemoData(db, { steps: demoSteps, hooks }));
        console.log(r.loaded ? 'Demodata er indlæst.' : 'Databasen har allerede brugere; demodata blev ikke indlæst.');
        return r.loaded ? EXIT.ok : EXIT.error;
      }
      case 'user add': {
        const { values } = parseArgs({
          args: rest,
          options: {
            email: { type: 'string' },
            name: { type: 'string' },
            role: { type: 'string' },
            organisation: { type: 'string' },
            administration: { type: 'string' },
            'password-stdin': { type: 'boolean', default: false },
          },
        });
        if (!values.email || !values.name || !values.role) throw new Usage('--email, --name og --role er påkrævet.');
        if (!roles.includes(values.role as Role)) throw new Usage(`Ukendt rolle "${values.role}". Vælg en af: ${roles.join(', ')}`);
        if (values.administration && !administrations.includes(values.administration as Administration)) {
          throw new Usage(`Ukendt forvaltning "${values.administration}". Vælg en af: ${administrations.join(', ')}`);
        }
        const password = values['password-stdin'] ? await readStdin() : null;
        const { hooks } = await areaHooks();
        const { createUser } = await import('../services/accounts.ts');
        await withDatabase(config, async (db) => {
          let organisationId: number | null = null;
          if (values.organisation) {
            const org = await db
              .selectFrom('organisation')
              .select('id')
              .where((eb) => eb(eb.fn('lower', ['short_name']), '=', values.organisation!.toLowerCase()))
              .executeTakeFirst();
            if (!org) throw new Usage(`Ingen boligorganisation med forkortelsen "${values.organisation}".`);
            organisationId = org.id;
          }
          const ctx = { db, actor: systemActor('CLI'), now: () => new Date(), hooks };
          const u = await createUser(ctx, {
            email: values.email!,
            name: values.name!,
            password,
            grants: [{ role: values.role as Role, organisationId, administration: (values.administration as Administration) ?? null }],
          });
          console.log(`Brugeren ${values.email} er oprettet (id ${u.id}).`);
        });
        return EXIT.ok;
      }
      case 'backup':
      case 'restore': {
        const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
        const file = positionals[0];
        if (!file || positionals.length > 1) throw new Usage('Angiv én fil.');
        const { backupDatabase, restoreDatabase } = await import('../services/backup.ts');
        const database = await openDatabase(config.database);
        try {
          if (key === 'backup') {
            const r = await backupDatabase(database.db, file, database.kind);
            const what = `${r.tables} tabeller, ${r.rows} rækker, migreringsniveau ${r.migration}`;
            console.log(`Sikkerhedskopien er skrevet til ${file}: ${what}.`);
          } else {
            await migrateToLatest(database.db);
            const r = await restoreDatabase(database.db, file);
            console.log(`Sikkerhedskopien er gendannet: ${r.tables} tabeller, ${r.rows} rækker, migreringsniveau ${r.migration}.`);
          }
        } finally {
          await database.close();
        }
        return EXIT.ok;
      }
      case 'token create': {
        const { values } = parseArgs({ args: rest, options: { user: { type: 'string' }, name: { type: 'string' } } });
        if (!values.user) throw new Usage('--user EMAIL er påkrævet.');
        const { hooks } = await areaHooks();
        const { createApiToken } = await import('../services/accounts.ts');
        const token = await withDatabase(config, (db) =>
          createApiToken({ db, actor: systemActor('CLI'), now: () => new Date(), hooks }, values.user!, values.name ?? 'CLI'),
        );
        process.stdout.write(`${token}\n`);
        return EXIT.ok;
      }
    }
    return EXIT.usage;
  } catch (err) {
    if (err instanceof Usage || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${help[key]}`);
      return EXIT.usage;
    }
    if (err instanceof DataDirLocked) {
      console.error(err.message);
      return EXIT.locked;
    }
    if (err instanceof AppError) {
      const fields = 'fields' in err ? Object.values((err as { fields: Record<string, string> }).fields) : [];
      console.error([err.message, ...fields].join('\n'));
      return EXIT.error;
    }
    console.error(isCi() ? err : `Fejl: ${(err as Error).message}`);
    return EXIT.error;
  }
}
