import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseCliArgs, USAGE, UsageError } from './cli-args.js';
import { SetupError } from './context.js';
import { prettyReport, REPORTERS } from './reporters/index.js';
import { runContractSuite } from './run.js';

/**
 * Runs `neuracraft-contract` with `argv` and answers its exit status: 0 when every case passed, 1
 * when any failed, 2 when the suite could not run.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['--base-url', 'http://localhost:8080', '--admin-key', key, '--only', 'getMe']);
 * ```
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(argv, env);
  } catch (error) {
    process.stderr.write(`neuracraft-contract: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const result = await runContractSuite(command.options);
    const color = process.stdout.isTTY === true && env.NO_COLOR === undefined;
    const report =
      command.reporter === 'pretty' ? prettyReport(result, { color }) : REPORTERS[command.reporter](result);
    if (command.output === undefined) {
      process.stdout.write(report);
    } else {
      const file = resolve(command.output);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, report);
      if (command.reporter !== 'pretty') {
        process.stdout.write(prettyReport(result, { color }));
      }
      process.stdout.write(`${command.reporter} report written to ${file}\n`);
    }
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof SetupError || error instanceof UsageError) {
      process.stderr.write(`neuracraft-contract: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
