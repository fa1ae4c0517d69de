#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { CliError, runCommand } from './cli/commands.js';
import { type Config, ConfigError, loadConfig, parseDuration } from './config.js';
import type { Deps } from './context.js';
import { createLogger } from './logger.js';
import { closeDeps, createDeps, startServer } from './server.js';

const USAGE = `Usage: neuracraft <command> [options]

Commands:
  serve                                   start the API server (PORT, default 8080)
  migrate                                 bring the database schema up to date
  orgs create --name N [--json]           create an org
  orgs list [--json]
  keys create --name N [--scopes "s1 s2"] [--expires-in 30d] [--org ID] [--json]
                                          create an API key; the key is printed once
  keys list [--org ID] [--json]
  keys revoke ID [--org ID]
  apps create --name N --scopes "s1 s2" [--token-ttl 3600] [--org ID] [--json]
                                          register an OAuth app; the client secret is printed once
  apps list [--org ID] [--json]
  apps delete ID [--org ID]
  users create --email E [--org ID]       create a dashboard user; the password is read from stdin
  signing-keys rotate                     make a new token signing key; the previous one still verifies

Without --org, commands use the default org, made on first use.
Configuration comes from the environment: NEURACRAFT_DATA_DIR, NEURACRAFT_SECRET, DATABASE_URL, …`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      'expires-in': { type: 'string' },
      'token-ttl': { type: 'string' },
      org: { type: 'string' },
      email: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined && !values.help ? 1 : 0;
  }
  const config: Config = loadConfig();
  if (command === 'serve') {
    await startServer(config);
    return -1;
  }
  if (values['expires-in'] !== undefined && parseDuration(values['expires-in']) === null) {
    throw new CliError(
      `--expires-in must look like 30d, 12h or 15m, not ${JSON.stringify(values['expires-in'])}`,
    );
  }
  const deps: Deps = await createDeps(config, createLogger('warn', process.stderr as never));
  try {
    await runCommand(
      deps,
      [command, sub, ...rest].filter((x): x is string => x !== undefined),
      values,
    );
    return 0;
  } finally {
    await closeDeps(deps);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) {
      process.exitCode = code;
    }
  },
  (error: unknown) => {
    const known =
      error instanceof CliError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(
      `neuracraft: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}`,
    );
    process.exitCode = 1;
  },
);
