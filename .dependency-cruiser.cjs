/**
 * The directions Helhed's code may import in (docs/architecture.md):
 *   areas, app, main, cli (boot)  →  web, api  →  presenters, contracts, services  →  policy, domain, db
 * domain imports nothing of the app; db knows no page, API or service; nothing below web imports web; web and api
 * never touch the database directly; no cycles.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const boot = '^src/(areas/|app\\.ts$|main\\.ts$|cli/|app-env\\.ts$)';
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not import each other in a circle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain holds pure rules: it imports nothing of the app but other domain modules.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'contracts-below-web-and-api',
      severity: 'error',
      comment: 'Input contracts are shared by forms and the API; they build on the domain only.',
      from: { path: '^src/contracts/' },
      to: { path: '^src/', pathNot: '^src/(contracts|domain)/' },
    },
    {
      name: 'db-knows-no-use-case',
      severity: 'error',
      comment: 'The database layer knows no page, API, service, rule or presenter (only who acts, for the audit).',
      from: { path: '^src/db/' },
      to: {
        path: '^src/(web|api|services|policy|presenters|areas|demo|cli|contracts)/|^src/(app|main|app-env)\\.ts$',
        pathNot: '^src/policy/actor\\.ts$',
      },
    },
    {
      name: 'policy-is-rules',
      severity: 'error',
      comment: 'The policy decides from the actor and a subject: no services, database, pages or API.',
      from: { path: '^src/policy/' },
      to: { path: '^src/', pathNot: '^src/(policy|domain)/|^src/errors\\.ts$' },
    },
    {
      name: 'nothing-below-web-imports-web',
      severity: 'error',
      comment: 'Pages sit on top; only the boot files mount them.',
      from: { path: '^src/', pathNot: `^src/web/|${boot}` },
      to: { path: '^src/web/' },
    },
    {
      name: 'nothing-below-api-imports-api',
      severity: 'error',
      comment: 'The API sits on top beside the pages; only the boot files mount it.',
      from: { path: '^src/', pathNot: `^src/api/|${boot}` },
      to: { path: '^src/api/' },
    },
    {
      name: 'web-and-api-have-no-queries',
      severity: 'error',
      comment: 'Pages and the API are two thin views over the services: no database module and no Kysely.',
      from: { path: '^src/(web|api)/' },
      to: { path: '^src/db/|node_modules/kysely/' },
    },
    {
      name: 'services-below-presentation',
      severity: 'error',
      comment: 'Use cases know nothing of presenters, areas or the boot files.',
      from: { path: '^src/(services|demo)/' },
      to: { path: '^src/(presenters|areas|cli)/|^src/(app|main|app-env)\\.ts$' },
    },
    {
      name: 'presenters-below-web-and-api',
      severity: 'error',
      comment: 'Presenters shape what leaves the server for pages and the API; they know neither.',
      from: { path: '^src/presenters/' },
      to: { path: '^src/(areas|cli|demo)/|^src/(app|main|app-env)\\.ts$' },
    },
    {
      name: 'only-boot-imports-boot',
      severity: 'error',
      comment: 'The area modules and the composition root are imported only by the boot files (and the tests).',
      from: { path: '^src/', pathNot: '^src/(areas/|app\\.ts$|main\\.ts$|cli/)' },
      to: { path: '^src/(areas/|app\\.ts$|main\\.ts$|cli/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // TypeScript 7 (the type checker, `typescript-native`) has no JavaScript API; the parser is TypeScript 6.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
