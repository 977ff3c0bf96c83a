// One way to turn a client's options into a Transport, for the api.audio Media client and
// the AudioStack Files client alike: the same checks, defaults and limits.

import { InvalidInputError } from './errors';
import { Transport, type ServiceWords } from './http';
import { Redactor } from './redact';
import type { ClientOptions } from './types';
import { validateApiKeyFormat, validateAssumeOrgId, validateBaseUrl } from './validate';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 3;
/** More retries only hide a persistent fault (and hammer the service). */
const MAX_RETRIES = 10;
const DEFAULT_RETRY_BASE_DELAY_MS = 500;
/** A retried API call or transfer gives up once its attempts and waits would pass this. */
export const DEFAULT_RETRY_BUDGET_MS = 90_000;
/** A transfer moving less than this per second over a whole window fails... */
export const DEFAULT_MIN_THROUGHPUT_BYTES_PER_SECOND = 1024;
/** ...where the window is this long. */
export const DEFAULT_THROUGHPUT_WINDOW_MS = 60_000;

export interface TransportDefaults {
  readonly baseUrl: string;
  /** The setting that holds the base URL, named in its messages. */
  readonly setting: string;
  readonly service?: ServiceWords;
}

export function createTransport(options: ClientOptions, defaults: TransportDefaults): Transport {
  const problem = validateApiKeyFormat(options.apiKey);
  if (problem) {
    throw new InvalidInputError(problem);
  }
  const orgProblem = validateAssumeOrgId(options.assumeOrgId);
  if (orgProblem) {
    throw new InvalidInputError(orgProblem);
  }
  // The caller's redactor (shared with its logger) learns the key; without one, the
  // client keeps its own.
  const redactor = options.redactor ?? new Redactor();
  redactor.add(options.apiKey);
  return new Transport({
    redactor,
    service: defaults.service,
    apiKey: options.apiKey,
    baseUrl: normaliseBaseUrl(options.baseUrl ?? defaults.baseUrl, defaults.setting, defaults.baseUrl),
    assumeOrgId: options.assumeOrgId?.trim() || undefined,
    userAgent: options.userAgent,
    logger: options.logger,
    timeoutMs: positive(options.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxRetries: Math.min(MAX_RETRIES, Math.floor(nonNegative(options.maxRetries, DEFAULT_MAX_RETRIES))),
    retryBaseDelayMs: nonNegative(options.retryBaseDelayMs, DEFAULT_RETRY_BASE_DELAY_MS),
    retryBudgetMs: positive(options.retryBudgetMs, DEFAULT_RETRY_BUDGET_MS),
    throughputFloor: {
      bytesPerSecond: nonNegative(options.minThroughputBytesPerSecond, DEFAULT_MIN_THROUGHPUT_BYTES_PER_SECOND),
      windowMs: positive(options.throughputWindowMs, DEFAULT_THROUGHPUT_WINDOW_MS),
    },
  });
}

/** The base URL without trailing slashes, or InvalidInputError with validateBaseUrl's message. */
function normaliseBaseUrl(baseUrl: string, setting: string, example: string): string {
  const problem = validateBaseUrl(baseUrl, setting, example);
  if (problem) throw new InvalidInputError(problem);
  return new URL(baseUrl).toString().replace(/\/+$/, '');
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 && Number.isFinite(value) ? value : fallback;
}
