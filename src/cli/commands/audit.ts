import type { KeyObject } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Command } from 'commander';
import { loadAuditKeys, loadPublicKey, loadSigningKey, trustedKeys } from '../../audit/audit-keys.js';
import { cosignCheckpoints, pullCheckpoints, WitnessRefusal } from '../../audit/checkpoint-witness.js';
import { verifyReceipt } from '../../audit/core/receipt.js';
import type { ChainReport } from '../../audit/core/chain-verifier.js';
import type { Checkpoint } from '../../audit/core/checkpoint.js';
import { DisclosureLog } from '../../audit/disclosure-log.js';
import { ExportFormatError, verifyExportFile } from '../../audit/export-verification.js';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../observability/logger.js';
import { assertAuditKeysSafe } from '../../startup-checks.js';
import { withDatabase } from '../with-database.js';

/** Exit status when the log (or an export) is not intact; 1 stays "the command could not run". */
export const EXIT_NOT_INTACT = 2;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function parseTime(value: string | undefined, option: string): Date | null {
  if (value === undefined) return null;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new Error(`${option} must be an ISO 8601 date or time (got "${value}")`);
  return time;
}

const describeCheckpoint = (c: Checkpoint | null): string =>
  c ? `last sealed at entry ${c.seq} (signed ${c.signedAt.toISOString()}, key ${c.keyId})` : 'no checkpoint yet';

function reportLine(report: ChainReport, what: string): string {
  if (report.problem) {
    return `${what} NOT intact: first bad entry ${report.problem.seq}: ${report.problem.kind} — ${report.problem.detail}`;
  }
  const range = report.firstSeq === null ? 'no entries' : `${report.entries} entries (${report.firstSeq}–${report.lastSeq})`;
  const unsealed = report.unsealed > 0 ? `, ${report.unsealed} entr${report.unsealed === 1 ? 'y' : 'ies'}${report.lastCheckpoint ? ' after it' : ''} not yet sealed` : '';
  return `${what} intact: ${range}, ${report.checkpointsVerified} checkpoint${report.checkpointsVerified === 1 ? '' : 's'} verified, ${describeCheckpoint(report.lastCheckpoint)}${unsealed}`;
}

const asJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => {
  if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
    return Buffer.from((v as { data: number[] }).data).toString('hex');
  }
  return v;
}, 2);

/** A disclosure log on the configured database, for one CLI command. */
async function withDisclosureLog<T>(run: (log: DisclosureLog) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const keys = loadAuditKeys(config);
  assertAuditKeysSafe(config, keys);
  return withDatabase(async (db) => {
    const disclosureLog = new DisclosureLog({
      databaseUrl: db.url, keys, log: createLogger(process.env.LOG_LEVEL ?? 'warn'), applicationName: 'liaison-cli-audit',
      // Verification and export read the whole log: no write deadline applies to them.
      settings: { ...config.audit, writeTimeoutMs: config.db.statementTimeoutMs },
    });
    try {
      return await run(disclosureLog);
    } finally {
      await disclosureLog.close();
    }
  });
}

async function verifyAction(options: { file?: string; publicKey: string[]; checkpoints: string[]; json?: boolean }): Promise<void> {
  const extraKeys = options.publicKey.map((f) => loadPublicKey(f, '--public-key'));
  let report: ChainReport;
  let what: string;
  if (options.file) {
    // Offline: the file and the public key(s), nothing else.
    if (extraKeys.length === 0) throw new Error('--file needs --public-key (the gateway\'s audit public key, PEM)');
    try {
      report = await verifyExportFile(options.file, trustedKeys(extraKeys));
    } catch (error) {
      if (!(error instanceof ExportFormatError)) throw error;
      process.stdout.write(`export ${options.file} NOT intact: ${error.message}\n`);
      process.exitCode = EXIT_NOT_INTACT;
      return;
    }
    what = `export ${options.file}`;
  } else {
    report = await withDisclosureLog((log) => log.verify(trustedKeys(extraKeys), options.checkpoints));
    what = 'disclosure log';
  }
  process.stdout.write(options.json ? `${asJson(report)}\n` : `${reportLine(report, what)}\n`);
  if (!report.intact) process.exitCode = EXIT_NOT_INTACT;
}

async function exportAction(options: { from?: string; to?: string; out?: string; verify: boolean }): Promise<void> {
  const period = { from: parseTime(options.from, '--from'), to: parseTime(options.to, '--to') };
  if (period.from && period.to && period.from >= period.to) throw new Error('--from must be before --to');
  await withDisclosureLog(async (log) => {
    if (options.verify) {
      // A regulator's copy of a log that no longer verifies would vouch for nothing.
      const report = await log.verify();
      if (!report.intact) {
        process.stderr.write(`${reportLine(report, 'disclosure log')}\nexport refused\n`);
        process.exitCode = EXIT_NOT_INTACT;
        return;
      }
    }
    if (log.canSeal) await log.seal();
    const out: WriteStream | NodeJS.WriteStream = options.out ? createWriteStream(options.out, { flags: 'wx' }) : process.stdout;
    const write = async (line: string): Promise<void> => {
      if (!out.write(line)) await once(out, 'drain');
    };
    const summary = await log.export(period, write);
    if (out !== process.stdout) {
      (out as WriteStream).end();
      await once(out, 'finish');
    }
    process.stderr.write(`exported ${summary.entries} entries (${summary.stubs} stubs, ${summary.checkpoints} checkpoints)${options.out ? ` to ${options.out}` : ''}\n`);
  });
}

async function sealAction(options: { late?: boolean }): Promise<void> {
  await withDisclosureLog(async (log) => {
    if (!log.canSeal) throw new Error('no signing key: set LIAISON_AUDIT_SIGNING_KEY');
    const sealed = await log.seal({ late: options.late });
    process.stdout.write(sealed
      ? `${sealed.created ? 'sealed' : 'already sealed'}: entry ${sealed.checkpoint.seq}, hash ${sealed.checkpoint.hash.toString('hex')}, signed ${sealed.checkpoint.signedAt.toISOString()} with key ${sealed.checkpoint.keyId}\n`
      : 'the disclosure log is empty: nothing to seal\n');
  });
}

/** Trusted audit public keys for commands that may run away from the gateway: configured ones and --public-key. */
function trustedFrom(publicKeys: string[]): Map<string, KeyObject> {
  const config = loadConfig();
  const configured = config.audit.signingKeyFile || config.audit.publicKeyFiles.length ? [...loadAuditKeys(config).trusted.values()] : [];
  return trustedKeys([...configured, ...publicKeys.map((f) => loadPublicKey(f, '--public-key'))]);
}

async function pullAction(options: { url: string; dir: string; publicKey: string[] }): Promise<void> {
  try {
    const result = await pullCheckpoints({ url: options.url, dir: options.dir, trusted: trustedFrom(options.publicKey) });
    process.stdout.write(result.pulled.length
      ? `pulled checkpoints ${result.pulled[0]}–${result.pulled.at(-1)} into ${options.dir}, each proved to extend the one before\n`
      : `no new checkpoint (latest ${result.latest ?? 'none'})\n`);
  } catch (error) {
    if (!(error instanceof WitnessRefusal)) throw error;
    process.stdout.write(`checkpoints NOT accepted: ${error.message}\n`);
    process.exitCode = EXIT_NOT_INTACT;
  }
}

async function witnessAction(options: { dir: string; key: string; name: string; publicKey: string[] }): Promise<void> {
  const witness = loadSigningKey(options.key);
  const cosigned = await cosignCheckpoints({
    dir: options.dir, trusted: trustedFrom(options.publicKey), name: options.name, privateKey: witness.privateKey, publicKey: witness.publicKey,
  });
  process.stdout.write(cosigned.length ? `cosigned checkpoints ${cosigned.join(', ')} as ${options.name}\n` : 'every checkpoint is already cosigned\n');
}

async function proveAction(options: { seq: string; out?: string }): Promise<void> {
  const seq = Number(options.seq);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error('--seq must be an entry number (1 or more)');
  const receipt = await withDisclosureLog((log) => log.receipt(seq));
  if (!receipt) throw new Error(`entry ${seq} is not sealed by a numbered checkpoint yet (liaison audit seal)`);
  const text = `${JSON.stringify(receipt, null, 2)}\n`;
  if (options.out) await writeFile(options.out, text, { flag: 'wx' });
  else process.stdout.write(text);
}

async function verifyReceiptAction(file: string, options: { publicKey: string[] }): Promise<void> {
  if (options.publicKey.length === 0) throw new Error('--public-key is required (the gateway\'s audit public key, PEM)');
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not a JSON receipt: ${(error as Error).message}`);
  }
  const check = verifyReceipt(value, trustedKeys(options.publicKey.map((f) => loadPublicKey(f, '--public-key'))));
  process.stdout.write(check.valid
    ? `receipt valid: entry ${check.seq} is in the log as sealed by checkpoint ${check.checkpointNumber}\n`
    : `receipt NOT valid: ${check.reason}\n`);
  if (!check.valid) process.exitCode = EXIT_NOT_INTACT;
}

export function auditCommand(program: Command): void {
  const audit = program.command('audit').description('the disclosure log: verify, export for a regulator, seal');
  audit
    .command('verify')
    .description(`recompute the hash chain and check checkpoint signatures; exit 0 when intact, ${EXIT_NOT_INTACT} naming the first bad entry otherwise`)
    .option('--file <export.jsonl>', 'verify an export file offline instead of the database')
    .option('--public-key <pem>', 'a trusted audit public key (repeatable; required with --file)', collect, [])
    .option('--checkpoints <dir>', 'a directory of signed checkpoints kept outside the database (repeatable; LIAISON_AUDIT_CHECKPOINT_DIR is always read)', collect, [])
    .option('--json', 'print the full report as JSON')
    .action(verifyAction);
  audit
    .command('export')
    .description('write the entries recorded in [--from, --to) as JSON lines, with the checkpoints and chain stubs that let them verify offline')
    .option('--from <time>', 'ISO 8601 start (inclusive); default: the beginning')
    .option('--to <time>', 'ISO 8601 end (exclusive); default: no end')
    .option('--out <file>', 'write to a new file instead of stdout')
    .option('--no-verify', 'skip verifying the whole log first')
    .action(exportAction);
  audit
    .command('seal')
    .description('sign a checkpoint over the chain head now')
    .option('--late', 'seal even a stretch that waited far longer than the schedule allows (after finding out why)')
    .action(sealAction);
  audit
    .command('pull')
    .description(`fetch new signed checkpoints from a gateway into a directory you keep, each proved to extend the last one kept; exit ${EXIT_NOT_INTACT} if the log was rewritten`)
    .requiredOption('--url <url>', 'the gateway, e.g. https://liaison.example')
    .requiredOption('--dir <dir>', 'the directory of kept checkpoints')
    .option('--public-key <pem>', 'the gateway\'s audit public key (repeatable)', collect, [])
    .action(pullAction);
  audit
    .command('witness')
    .description('cosign the kept checkpoints with your own Ed25519 key (the inspectorate\'s)')
    .requiredOption('--dir <dir>', 'the directory of kept checkpoints')
    .requiredOption('--key <pem>', 'your Ed25519 private key (PKCS#8 PEM)')
    .requiredOption('--name <name>', 'your key name in the notes, e.g. inspectorate.example')
    .option('--public-key <pem>', 'the gateway\'s audit public key (repeatable)', collect, [])
    .action(witnessAction);
  audit
    .command('prove')
    .description('write a receipt proving an entry against the latest checkpoint (checkable offline with verify-receipt)')
    .requiredOption('--seq <n>', 'the entry')
    .option('--out <file>', 'write to a new file instead of stdout')
    .action(proveAction);
  audit
    .command('verify-receipt <file>')
    .description(`check a receipt offline with only the public key(s); exit ${EXIT_NOT_INTACT} if it does not hold`)
    .option('--public-key <pem>', 'a trusted audit public key (repeatable; required)', collect, [])
    .action(verifyReceiptAction);
}
