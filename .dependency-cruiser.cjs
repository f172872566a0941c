// The layers of docs/architecture.md, checked by `npm run lint:layers` (part of `npm test`).
// Arrows run down: surfaces (contracts, trpc, realtime, jobs, http) call services; services call
// db, queue, channels, ai and auth; nothing below calls up. Parsed with swc (TypeScript 7 has no
// compiler API for dependency-cruiser); swc here cannot read JSX, so the console's .tsx files are
// held to their one rule by scripts/check-web-imports.mjs instead.
const surfaces = '^server/(contracts|trpc|realtime|jobs|http|cli)/';
const below = (name, from, to, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: to },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means two modules are one: merge them or move the shared part down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    below(
      'services-call-down',
      '^server/services/',
      surfaces,
      'Services hold the rules for every surface; they never import one (no HTTP, seed shape or socket).',
    ),
    below(
      'queue-is-plumbing',
      '^server/queue/',
      `${surfaces}|^server/services/`,
      'The task catalogue and enqueue helpers sit below the services that enqueue.',
    ),
    below(
      'adapters-never-call-services',
      '^server/(channels|ai)/',
      `${surfaces}|^server/services/`,
      'Channels and AI are adapters: services call them, they return values.',
    ),
    below(
      'auth-below-services',
      '^server/auth/',
      `${surfaces}|^server/services/`,
      'Tokens, passwords and the Actor are used by services and surfaces alike.',
    ),
    below(
      'db-at-the-bottom',
      '^server/db/',
      '^server/(contracts|trpc|realtime|jobs|http|services|queue|channels|ai|auth|demo)/',
      'The database layer imports nothing above it.',
    ),
    below(
      'realtime-only-fans-out',
      '^server/realtime/',
      '^server/(contracts|trpc|http|jobs)/',
      'Realtime reads the event outbox and fans out; wiring lives in http/, shapes in contracts/.',
    ),
    below(
      'wiring-on-top',
      '^server/(contracts|trpc|realtime|jobs|services|request)/',
      '^server/(http/|main\\.ts$)',
      'http/ wires the app and its sockets from the surfaces; nothing below imports it.',
    ),
    below(
      'request-plumbing-below-surfaces',
      '^server/request/',
      '^server/(contracts|trpc|realtime|jobs|http|services)/',
      'Reading a body, the client IP and the request log serve every surface.',
    ),
    below(
      'base-modules-at-the-bottom',
      '^server/(config|logger|errors|graphile-logger|process-faults)\\.ts$',
      '^server/[^/]+/',
      'Configuration, logging and the error type are imported by everything and import no layer.',
    ),
    below(
      'jobs-call-services',
      '^server/jobs/',
      '^server/(contracts|trpc|http|realtime)/',
      'A task calls services, never a surface.',
    ),
    below(
      'shared-stands-alone',
      '^shared/',
      '^(server|web)/',
      'shared/ is imported by server and web and imports neither.',
    ),
    {
      name: 'notes-reach-agents-only',
      comment:
        'Private notes leave the server through the console alone: no customer-facing exit (a contract, a channel, the AI, the jobs, the gateway) may read them.',
      severity: 'error',
      from: { path: '^server/(contracts|channels|ai|jobs|realtime|http)/' },
      to: { path: '^server/services/notes/' },
    },
    {
      name: 'cli-is-a-leaf',
      comment: 'Operator commands look rows up across workspaces; no surface may reach them.',
      severity: 'error',
      from: { path: '^(server|shared|web)/', pathNot: '^server/cli/' },
      to: { path: '^server/cli/' },
    },
    {
      name: 'web-speaks-trpc-only',
      comment: 'The console imports shared/ and the AppRouter type, nothing else of the server.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/', pathNot: '^server/trpc/root\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.tsx$|routeTree\\.gen\\.ts$' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
