// The API layer: what both services' clients share (errors, types, redaction, the rules
// for keys, addresses and file names) and the two clients, api.audio (v1) Media in
// apiaudio/ and AudioStack Files in audiostack/. Pure Node (no `vscode` import).

export * from './types';
export * from './errors';
export { redact, Redactor, REDACTED } from './redact';
export { sanitizeFileName, fileNameFromUrl } from './fileName';
export { validateApiKeyFormat, validateAssumeOrgId, validateBaseUrl, isLoopbackApiHost, MIN_API_KEY_LENGTH, UPLOAD_EXTENSIONS } from './validate';
export { sanitizeServerText } from './serverText';
export { BODY_LIMITS } from './wire';
export { STALE_PART_FILE_AGE_MS, isPartFileInUse, isPartFileName, removePartFile } from './partFiles';
export { UPLOAD_CONTENT_TYPE } from './upload';
export { checkTag, normaliseTags } from './apiaudio/tags';
export { DEFAULT_MIN_THROUGHPUT_BYTES_PER_SECOND, DEFAULT_RETRY_BUDGET_MS, DEFAULT_THROUGHPUT_WINDOW_MS } from './transportFactory';
export { ApiAudioClient, DEFAULT_BASE_URL } from './apiaudio/client';
