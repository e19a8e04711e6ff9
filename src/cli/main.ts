import { ConfigError, loadConfig } from '../server/config.ts';
import { EmbeddedPostgresError } from '../server/db/embedded.ts';
import { MigrationError } from '../server/db/migrate.ts';
import { StartupError } from '../server/main.ts';
import { parse, UsageError } from './args.ts';
import { auditCommand } from './audit.ts';
import { migrateCommand, openapiCommand } from './db.ts';
import { demoCommand } from './demo.ts';
import { importAreasCommand } from './import-areas.ts';
import { importFacilitiesCommand } from './import-facilities.ts';
import { importOrganisationsCommand } from './import-organisations.ts';
import { importPoliceEventsCommand } from './import-police-events.ts';
import { importStatisticsCommand } from './import-statistics.ts';
import { jobsCommand } from './jobs.ts';
import { programmeCommand } from './programme.ts';
import { rollupsCommand } from './rollups.ts';
import { serveCommand } from './serve.ts';
import { usersCommand } from './users.ts';

export const USAGE = `Usage: trygg <command> [options]

Commands:
  serve                         start the web server (embedded database unless DATABASE_URL is set)
  migrate                       apply database migrations and exit
  users list                    list users and their roles
  users create --email E --name N [--password P] [--role R --organisation ID]
                                create a local account (a password is generated when none is given)
  users disable --email E       disable an account and end its sessions
  users set-password --email E [--password P]
                                set a new password (generated when none is given)
  users grant --email E --role R [--organisation ID]
                                grant a role (in the municipality when no organisation is given)
  audit verify                  check the audit log's hash chain; names the first broken entry
  jobs status                   the background jobs' queues and schedules, and the e-mail outbox
  jobs run JOB                  run one background job now: notifications (send pending e-mail),
                                authority-sweep (serious-event reminders) or retention
  demo [--seed N] [--incidents N]
                                create the demo city (a Stockholm-like municipality) on an empty
                                database with N incidents over three years (default 90,000) and print
                                its accounts once; when it is there, --incidents N adds N incidents
  programme seed-stockholm      load Stockholm's programme 2018–2021 (demo data, 2013–2016 retired);
                                does nothing when the municipality already has a programme
  import areas FILE.geojson --level L --name-property P [--parent-csv F.csv] [--parent-level L] [--dry-run]
                                import area polygons (WGS84 GeoJSON); the CSV's first two columns are an
                                area's name and its parent's (created at --parent-level, default
                                district_area); prints a preview and imports nothing if anything is invalid
  import organisations FILE.csv [--dry-run]
                                import or update organisations from CSV (docs/import-formats.md); every
                                row is checked and nothing is written if any row is invalid
  import facilities FILE.csv [--dry-run]
                                import or update facilities from CSV by their code (columns code, name,
                                type, organisation, and optionally unit, street_address, postal_code,
                                city, lat, lon); nothing is written if any row is invalid
  import police-events FILE.json
                                import police events (the feed's JSON array); deduplicated by id, a
                                changed event replaces the old one; places each event in an area
  import survey|population|reported-crime FILE.csv [--dry-run]
                                import safety-survey results, population or reported crime
                                (docs/statistics-imports.md); nothing is written if any row is invalid
  rollups rebuild               rebuild the situational pictures' rollups from the raw rows
  openapi [--write FILE]        print or write the OpenAPI document

Options:
  -h, --help                    show this help

Settings come from environment variables; see README.md.`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  try {
    const loadCfg = () => loadConfig(process.env);
    switch (command) {
      case 'serve':
        parse(rest, {});
        return await serveCommand(loadCfg());
      case 'migrate':
        parse(rest, {});
        return await migrateCommand(loadCfg());
      case 'users':
        return await usersCommand(loadCfg, rest);
      case 'audit':
        return await auditCommand(loadCfg, rest);
      case 'jobs':
        return await jobsCommand(loadCfg, rest);
      case 'openapi':
        return await openapiCommand(loadCfg, rest);
      case 'demo':
        return await demoCommand(loadCfg, rest);
      case 'programme':
        return await programmeCommand(loadCfg, rest);
      case 'rollups':
        return await rollupsCommand(loadCfg, rest);
      case 'import': {
        const [what, ...importArgs] = rest;
        if (what === 'areas') return await importAreasCommand(loadCfg, importArgs);
        if (what === 'organisations') return await importOrganisationsCommand(loadCfg, importArgs);
        if (what === 'facilities') return await importFacilitiesCommand(loadCfg, importArgs);
        if (what === 'police-events') return await importPoliceEventsCommand(loadCfg, importArgs);
        if (what === 'survey' || what === 'population' || what === 'reported-crime')
          return await importStatisticsCommand(loadCfg, [what, ...importArgs]);
        throw new UsageError(`Unknown import: ${what ?? '(none)'}`);
      }
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`trygg: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      console.error(`trygg: ${err.message}`);
      return 78;
    }
    if (err instanceof MigrationError) {
      console.error(
        `trygg: migration ${err.migration} failed: ${(err.cause as Error)?.message ?? String(err.cause)}\nNothing of that migration was applied.`,
      );
      return 1;
    }
    if (err instanceof StartupError || err instanceof EmbeddedPostgresError) {
      console.error(`trygg: ${err.message}`);
      return 1;
    }
    console.error(`trygg: ${(err as Error)?.stack ?? String(err)}`);
    return 1;
  }
}
