// `npm run emulator -- --port <p> --key <k> [--key <k2>] [--data-dir <d>] [--strict]`
// Prints exactly one line, `api.audio emulator listening on <url>`, and serves until
// SIGINT/SIGTERM.
import { startEmulator, type EmulatorOptions } from './index';

/** The command line's options: the emulator's, plus what the CLI adds after it starts. */
export interface CliOptions extends EmulatorOptions {
  /** `--files-bulk`: a root folder of `count` files. */
  filesBulk?: { count: number; folderName: string };
}

const USAGE = `Usage: npm run emulator -- --key <apiKey> [options]

Serves a local emulator of the api.audio v1 Media API and, at the same address and with
the same keys, the AudioStack Files API (/files, /folders: a demo tree three folders deep).

Options:
  --key <k>          accepted API key (repeatable; required)
  --port <p>         port to listen on (default 0: any free port)
  --host <h>         address to listen on (default 127.0.0.1)
  --data-dir <d>     keep the library in this folder (default: a temp folder removed on exit)
  --strict           reject uploads whose Content-Type is not audio/mpeg
  --no-seed          start with an empty library (and an empty AudioStack root folder)
  --url-ttl <s>      presigned URL lifetime in seconds (default 3600)
  --sdk-latest <v>   send x-sdk-latest: <v> on every API response
  --warning <text>   send Warning: 299 - "<text>" on every API response
  --files-processing-ms <ms>
                     how long an AudioStack upload stays "processing" (default 1000)
  --files-bulk <count>[:<folder>]
                     add a root folder (default name "Bulk") holding <count> tiny
                     uploaded mp3 files, bulk-00001.mp3… (paging, benchmarks)
  -h, --help         show this help`;

export function parseArgs(argv: string[]): CliOptions | 'help' {
  const options: CliOptions = { apiKeys: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '-h':
      case '--help':
        return 'help';
      case '--key':
        options.apiKeys.push(value());
        break;
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid --port: ${argv[i]}`);
        options.port = port;
        break;
      }
      case '--host':
        options.host = value();
        break;
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--strict':
        options.strictContentType = true;
        break;
      case '--no-seed':
        options.seed = false;
        break;
      case '--url-ttl': {
        const ttl = Number(value());
        if (!Number.isFinite(ttl)) throw new Error(`invalid --url-ttl: ${argv[i]}`);
        options.urlTtlSeconds = ttl;
        break;
      }
      case '--sdk-latest':
        options.sdkLatest = value();
        break;
      case '--warning':
        options.warning = value();
        break;
      case '--files-processing-ms': {
        const ms = Number(value());
        if (!Number.isInteger(ms) || ms < 0) throw new Error(`invalid --files-processing-ms: ${argv[i]}`);
        options.filesProcessingMs = ms;
        break;
      }
      case '--files-bulk': {
        const match = /^(\d{1,6})(?::(.+))?$/.exec(value());
        const count = Number(match?.[1]);
        const folderName = (match?.[2] ?? 'Bulk').trim();
        if (!match || count < 1 || count > 100_000 || folderName === '' || /[/\\]/.test(folderName)) {
          throw new Error(`invalid --files-bulk: ${argv[i]} (use <count>[:<folder name>], count 1–100000)`);
        }
        options.filesBulk = { count, folderName };
        break;
      }
      default:
        throw new Error(`unknown option: ${arg}`);
    }
  }
  if (options.apiKeys.length === 0) throw new Error('at least one --key is required');
  return options;
}

async function main(): Promise<void> {
  let options: CliOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  if (options.filesBulk) {
    const folderId = emulator.control.files.addFolder({ folderName: options.filesBulk.folderName });
    emulator.control.files.addFilesBulk(options.filesBulk.count, { folderId });
  }
  console.log(`api.audio emulator listening on ${emulator.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
