// The AudioStack Files API (`/files…`, `/folders…`) as the official SDK (`audiostack`
// 4.0) calls it: snake_case JSON in, camelCase JSON out, errors as `{"message",
// "errors"}` / `{"message", "details"}`. Same keys, faults and object route as v1.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorised, sendJson } from '../api';
import type { EmulatorContext } from '../context';
import { sendApiHostile } from '../hostile';
import { afterBody } from '../objects';
import { DEFAULT_ORG } from '../seed';
import type { StoredMedia } from '../store';
import { FILE_TYPES, FILES_USER_ID, MIME_TYPES, fileTypeFor, findCategory, mimeTypeFor } from './seed';
import { filesLibrary, statusOf, type FileRecord, type FilesStore, type FolderRecord } from './store';

type Special = 'html' | 'truncated-json' | undefined;

/** Largest JSON request body read (a bigger one answers 413). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Default and largest page of files. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/** AudioStack's upload links live 7 days (its files and folders guide). */
const UPLOAD_URL_TTL_SECONDS = 7 * 24 * 3600;
const MAX_NAME = 255;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/files`, `/files/…`, `/folders`, `/folders/…`. */
export function isFilesApiPath(pathname: string): boolean {
  return /^\/(files|folders)(\/|$)/.test(pathname);
}

interface Call {
  ctx: EmulatorContext;
  files: FilesStore;
  res: ServerResponse;
  query: URLSearchParams;
  org: string;
  special: Special;
  /** The path's id segment, when the route has one. */
  id: string;
  body: Record<string, unknown>;
}

interface Route {
  handler: (call: Call) => void;
  /** Which id the path carries (validated as a UUID), if any. */
  idName?: 'fileId' | 'folderId';
  /** Body fields the endpoint knows; anything else answers 400. */
  fields?: readonly string[];
}

/** `METHOD pattern` with `:id` for the UUID segment. */
const ROUTES: Record<string, Route> = {
  'GET /files/file-categories': { handler: fileCategories },
  'POST /files': { handler: createFile, fields: ['file_name', 'folder_id', 'category_id'] },
  'PUT /files/copy': { handler: copyFile, fields: ['file_id', 'current_folder_id', 'new_folder_id'] },
  'GET /files/:id': { handler: getFile, idName: 'fileId' },
  'PATCH /files/:id': { handler: patchFile, idName: 'fileId', fields: ['file_name', 'category_id', 'category_name', 'access_control'] },
  'DELETE /files/:id': { handler: deleteFile, idName: 'fileId' },
  'GET /folders': { handler: listByPath },
  'POST /folders': { handler: createFolder, fields: ['folder_name', 'parent_folder_id'] },
  'GET /folders/:id': { handler: listById, idName: 'folderId' },
  'GET /folders/:id/files': { handler: listFiles, idName: 'folderId' },
  'PATCH /folders/:id': { handler: patchFolder, idName: 'folderId', fields: ['folder_name'] },
  'DELETE /folders/:id': { handler: deleteFolder, idName: 'folderId' },
};

export async function handleFilesRequest(ctx: EmulatorContext, files: FilesStore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const hostile = ctx.faults.takeHostile('api');
  if (hostile) return sendApiHostile(res, hostile).catch(() => void res.destroy());
  const special = ctx.faults.takeSpecial();
  if (special === 'html') return afterBody(req, () => sendHtml502(res));
  const segments = url.pathname.replace(/\/+$/, '').split('/').slice(1);
  const fixed = new Set(['file-categories', 'copy', 'files']);
  const id = segments[1] !== undefined && !(segments.length === 2 && fixed.has(segments[1])) ? segments[1] : undefined;
  const pattern = '/' + segments.map((s, i) => (i === 1 && id !== undefined ? ':id' : s)).join('/');
  const route = ROUTES[`${req.method ?? 'GET'} ${pattern}`];
  if (!route) return afterBody(req, () => sendJson(ctx, res, 404, { message: 'Not Found' }, special));
  if (!authorised(ctx, req)) return afterBody(req, () => sendJson(ctx, res, 403, { message: 'Forbidden' }, special));

  let rawId = '';
  if (route.idName) {
    try {
      rawId = decodeURIComponent(id ?? '');
    } catch {
      rawId = '';
    }
    if (!UUID_RE.test(rawId)) {
      return afterBody(req, () => sendJson(ctx, res, 400, { message: `Invalid ${route.idName}`, errors: [`${route.idName} must be a UUID`] }, special));
    }
  }
  let body: Record<string, unknown> = {};
  if (route.fields) {
    const read = await readBody(req);
    if (read === 'too-large') return sendJson(ctx, res, 413, { message: 'Request body too large', details: `at most ${MAX_BODY_BYTES} bytes` }, special);
    if (read === 'aborted') return;
    const text = read.toString('utf8').trim();
    let parsed: unknown = {};
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      return sendJson(ctx, res, 400, { message: 'Invalid JSON body', details: 'The request body is not valid JSON' }, special);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return sendJson(ctx, res, 400, { message: 'Invalid request body', errors: ['The body must be a JSON object'] }, special);
    }
    body = parsed as Record<string, unknown>;
    const unknown = Object.keys(body).filter((k) => !route.fields?.includes(k));
    if (unknown.length > 0) {
      return sendJson(ctx, res, 400, { message: 'Validation failed', errors: unknown.map((k) => `Unknown field: ${k}`) }, special);
    }
  } else if (!req.complete) {
    await new Promise<void>((resolve) => afterBody(req, resolve));
  }
  const assumed = headerValue(req.headers['x-assume-org'])?.trim();
  route.handler({ ctx, files, res, query: url.searchParams, org: assumed || DEFAULT_ORG, special, id: rawId.toLowerCase(), body });
}

// ---- files ----

function fileCategories({ ctx, res, special }: Call): void {
  sendJson(ctx, res, 200, { fileTypes: FILE_TYPES }, special);
}

function createFile(call: Call): void {
  const { ctx, files, res, org, special, body } = call;
  const errors: string[] = [];
  const fileName = nameField(body, 'file_name', errors, true);
  const folderId = uuidField(body, 'folder_id', errors);
  const categoryId = uuidField(body, 'category_id', errors);
  if (errors.length > 0) return validation(call, errors);
  const mimeType = mimeTypeFor(fileName ?? '');
  if (!mimeType) {
    return sendJson(ctx, res, 400, { message: 'Unsupported file type', errors: [`The service takes ${Object.keys(MIME_TYPES).map((e) => `.${e}`).join(', ')} files`] }, special);
  }
  const folder = files.folder(org, folderId ?? files.org(org).rootFolderId);
  if (!folder) return notFound(call, 'Folder', folderId ?? '');
  if (categoryId !== undefined && !findCategory({ id: categoryId })) return validation(call, [`Unknown category_id: ${categoryId}`]);
  const record = files.newFileRecord(org, { fileName: fileName ?? '', folderId: folder.folderId, mimeType, categoryId: categoryId ?? null });
  const uploadUrl = ctx.signer.sign('PUT', { library: filesLibrary(org), mediaId: record.fileId, filename: record.objectName }, { contentType: mimeType, ttlSeconds: UPLOAD_URL_TTL_SECONDS });
  sendJson(ctx, res, 201, { fileId: record.fileId, uploadUrl, mimeType }, special);
}

function getFile(call: Call): void {
  const file = call.files.file(call.org, call.id);
  if (!file) return notFound(call, 'File', call.id);
  sendJson(call.ctx, call.res, 200, fileWire(call, call.files.refresh(call.org, file)), call.special);
}

function patchFile(call: Call): void {
  const { files, org, body } = call;
  const file = files.file(org, call.id);
  if (!file) return notFound(call, 'File', call.id);
  const errors: string[] = [];
  const fileName = nameField(body, 'file_name', errors, false);
  const categoryId = uuidField(body, 'category_id', errors);
  const categoryName = stringField(body, 'category_name', errors);
  const access = stringField(body, 'access_control', errors);
  if (access !== undefined && access !== 'public' && access !== 'private') errors.push('access_control must be "public" or "private"');
  const category = categoryId !== undefined ? findCategory({ id: categoryId }) : categoryName !== undefined ? findCategory({ name: categoryName }) : undefined;
  if (categoryId !== undefined && !category) errors.push(`Unknown category_id: ${categoryId}`);
  if (categoryId === undefined && categoryName !== undefined && !category) errors.push(`Unknown category_name: ${categoryName}`);
  if (errors.length > 0) return validation(call, errors);
  let changed = false;
  if (fileName !== undefined && fileName !== file.fileName) {
    file.fileName = fileName;
    changed = true;
  }
  if (category && category.fileCategoryId !== file.categoryId) {
    file.categoryId = category.fileCategoryId;
    changed = true;
  }
  if (access !== undefined && access !== file.accessControl) {
    file.accessControl = access as FileRecord['accessControl'];
    changed = true;
  }
  if (changed) {
    file.updatedAt = new Date().toISOString();
    file.updatedBy = FILES_USER_ID;
    files.save();
  }
  sendJson(call.ctx, call.res, 200, fileWire(call, files.refresh(org, file)), call.special);
}

function copyFile(call: Call): void {
  const { files, org, body } = call;
  const errors: string[] = [];
  const fileId = uuidField(body, 'file_id', errors, true);
  const currentId = uuidField(body, 'current_folder_id', errors, true);
  const newId = uuidField(body, 'new_folder_id', errors, true);
  if (errors.length > 0 || !fileId || !currentId || !newId) return validation(call, errors);
  const file = files.file(org, fileId);
  if (!file) return notFound(call, 'File', fileId);
  if (!files.folder(org, currentId)) return notFound(call, 'Folder', currentId);
  const target = files.folder(org, newId);
  if (!target) return notFound(call, 'Folder', newId);
  if (file.folderId !== currentId) return validation(call, [`File ${fileId} is not in folder ${currentId}`]);
  files.refresh(org, file);
  if (file.phase !== 'uploaded') {
    return sendJson(call.ctx, call.res, 409, { message: 'File cannot be copied yet', errors: [`File ${fileId} is ${statusOf(file.phase)}, not uploaded`] }, call.special);
  }
  const quirk = files.takeCopyQuirk();
  if (quirk === 'move-source') {
    // A broken copy: the original itself lands in the target folder; no second file exists.
    file.folderId = target.folderId;
    files.save();
    return sendJson(call.ctx, call.res, 200, fileWire(call, file), call.special);
  }
  const copy: FileRecord = { ...file, fileId: randomUUID(), folderId: target.folderId, createdAt: new Date().toISOString(), createdBy: FILES_USER_ID };
  if (quirk === 'renamed') copy.fileName = `Copy of ${file.fileName}`;
  delete copy.updatedAt;
  delete copy.updatedBy;
  files.copyObject(org, file.fileId, copy.fileId);
  if (quirk === 'short') files.truncateObject(org, copy.fileId);
  files.org(org).files.push(copy);
  files.save();
  sendJson(call.ctx, call.res, 200, fileWire(call, copy), call.special);
}

function deleteFile(call: Call): void {
  if (!call.files.file(call.org, call.id)) return notFound(call, 'File', call.id);
  call.files.removeFile(call.org, call.id);
  noContent(call);
}

// ---- folders ----

function listByPath(call: Call): void {
  const folderPath = call.query.get('path') ?? '';
  const folder = call.files.folderByPath(call.org, folderPath);
  if (!folder) return sendJson(call.ctx, call.res, 404, { message: 'Folder not found', details: `No folder at path "${folderPath}"` }, call.special);
  listing(call, folder);
}

function listById(call: Call): void {
  const folder = call.files.folder(call.org, call.id);
  if (!folder) return notFound(call, 'Folder', call.id);
  listing(call, folder);
}

/** ListResponse: subfolders, a page of files, and the path chain (folder first, root last). */
function listing(call: Call, folder: FolderRecord): void {
  const page = pageParams(call);
  if (!page) return;
  const { files, org } = call;
  const all = files.filesIn(org, folder.folderId);
  const body = {
    folders: files.childFolders(org, folder.folderId).map(folderWire),
    files: wirePage(call, all.slice(page.offset, page.offset + page.limit)),
    currentPathChain: files.pathChain(org, folder.folderId).map(folderWire),
  };
  sendJson(call.ctx, call.res, 200, files.listShape === 'bare' ? body : { data: body, pagination: page }, call.special);
}

function listFiles(call: Call): void {
  const folder = call.files.folder(call.org, call.id);
  if (!folder) return notFound(call, 'Folder', call.id);
  const page = pageParams(call);
  if (!page) return;
  let all = call.files.filesIn(call.org, folder.folderId);
  const filter = call.query.get('$filter');
  if (filter) {
    const test = parseFilter(filter);
    if (!test) return sendJson(call.ctx, call.res, 400, { message: 'Unsupported $filter expression', details: filter }, call.special);
    all = all.filter((f) => test(f));
  }
  const orderBy = call.query.get('$orderBy');
  if (orderBy) {
    const compare = parseOrderBy(call, orderBy);
    if (!compare) return sendJson(call.ctx, call.res, 400, { message: 'Unsupported $orderBy expression', details: orderBy }, call.special);
    all = [...all].sort(compare);
  }
  // A server with a smaller page than asked (capPageSize) sends fewer and may say so, or not.
  const cap = call.files.pageCap;
  const limit = cap ? Math.min(page.limit, cap.max) : page.limit;
  const start = cap?.ignoreOffset ? 0 : page.offset;
  const data = wirePage(call, all.slice(start, start + limit));
  const pagination = cap?.report === 'none' ? { offset: page.offset } : { limit: cap?.report ?? limit, offset: page.offset };
  sendJson(call.ctx, call.res, 200, call.files.listShape === 'bare' ? data : { data, pagination }, call.special);
}

function createFolder(call: Call): void {
  const { files, org, body } = call;
  const errors: string[] = [];
  const name = nameField(body, 'folder_name', errors, true);
  const parentId = uuidField(body, 'parent_folder_id', errors);
  if (errors.length > 0 || name === undefined) return validation(call, errors);
  const parent = files.folder(org, parentId ?? files.org(org).rootFolderId);
  if (!parent) return notFound(call, 'Folder', parentId ?? '');
  if (files.childFolders(org, parent.folderId).some((f) => f.folderName === name)) return nameTaken(call, name);
  const folder: FolderRecord = { folderId: randomUUID(), folderName: name, parentFolderId: parent.folderId, createdBy: FILES_USER_ID, createdAt: new Date().toISOString() };
  files.org(org).folders.push(folder);
  files.save();
  sendJson(call.ctx, call.res, 201, folderWire(folder), call.special);
}

function patchFolder(call: Call): void {
  const { files, org, body } = call;
  const folder = files.folder(org, call.id);
  if (!folder) return notFound(call, 'Folder', call.id);
  const errors: string[] = [];
  const name = nameField(body, 'folder_name', errors, true);
  if (errors.length > 0 || name === undefined) return validation(call, errors);
  if (folder.parentFolderId === null) return validation(call, ['The root folder cannot be renamed']);
  if (name !== folder.folderName) {
    if (files.childFolders(org, folder.parentFolderId).some((f) => f.folderName === name)) return nameTaken(call, name);
    folder.folderName = name;
    folder.updatedAt = new Date().toISOString();
    folder.updatedBy = FILES_USER_ID;
    files.save();
  }
  sendJson(call.ctx, call.res, 200, folderWire(folder), call.special);
}

/** Only an empty folder is deleted: the SDK shows no recursive delete, so none is guessed. */
function deleteFolder(call: Call): void {
  const { files, org } = call;
  const folder = files.folder(org, call.id);
  if (!folder) return notFound(call, 'Folder', call.id);
  if (folder.parentFolderId === null) return validation(call, ['The root folder cannot be deleted']);
  const folders = files.childFolders(org, folder.folderId).length;
  const inside = files.org(org).files.filter((f) => f.folderId === folder.folderId).length;
  if (folders + inside > 0) {
    const holds = [folders > 0 ? plural(folders, 'folder') : '', inside > 0 ? plural(inside, 'file') : ''].filter(Boolean).join(' and ');
    return sendJson(call.ctx, call.res, 409, { message: 'Folder is not empty', errors: [`The folder holds ${holds}; delete or move them first`] }, call.special);
  }
  files.removeFolder(org, folder.folderId);
  noContent(call);
}

// ---- wire shapes ----

function folderWire(folder: FolderRecord): Record<string, unknown> {
  return {
    folderId: folder.folderId,
    folderName: folder.folderName,
    parentFolderId: folder.parentFolderId,
    createdBy: folder.createdBy,
    createdAt: folder.createdAt,
    ...(folder.updatedAt ? { updatedAt: folder.updatedAt, updatedBy: folder.updatedBy } : {}),
  };
}

/** A page of files on the wire: their objects looked up once per page, not once per file (a 10,000-file folder). */
function wirePage(call: Call, page: FileRecord[]): Array<Record<string, unknown>> {
  const objects = new Map(call.files.objects.items(filesLibrary(call.org)).map((media) => [media.mediaId, media]));
  return page.map((f) => fileWire(call, f, objects));
}

function fileWire({ ctx, files, org }: Call, file: FileRecord, objects?: ReadonlyMap<string, StoredMedia>): Record<string, unknown> {
  const media = objects ? objects.get(file.fileId) : files.objectOf(org, file.fileId);
  const type = fileTypeFor(file.mimeType);
  const category = file.categoryId ? findCategory({ id: file.categoryId }) : undefined;
  const wire: Record<string, unknown> = {
    fileId: file.fileId,
    fileName: file.fileName,
    folderId: file.folderId,
    createdBy: file.createdBy,
    createdAt: file.createdAt,
    ...(file.updatedAt ? { updatedAt: file.updatedAt, updatedBy: file.updatedBy } : {}),
    fileType: { fileTypeId: type.fileTypeId, name: type.name, mimeType: file.mimeType },
    fileCategory: category ? { fileCategoryId: category.fileCategoryId, name: category.name } : null,
    size: file.phase === 'awaiting' ? 0 : (media?.size ?? 0),
    status: statusOf(file.phase),
    accessControl: file.accessControl,
  };
  if (file.duration !== undefined && file.phase === 'uploaded') wire.duration = file.duration;
  if (file.phase === 'uploaded' && media?.state === 'ready') {
    wire.url = ctx.signer.sign('GET', { library: filesLibrary(org), mediaId: file.fileId, filename: file.objectName });
  }
  return wire;
}

// ---- helpers ----

function pageParams(call: Call): { limit: number; offset: number } | undefined {
  const errors: string[] = [];
  const read = (name: string, fallback: number, min: number): number => {
    const raw = call.query.get(name);
    if (raw === null || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) {
      errors.push(`${name} must be an integer of at least ${min}`);
      return fallback;
    }
    return n;
  };
  const limit = Math.min(read('limit', DEFAULT_PAGE, 1), MAX_PAGE);
  const offset = read('offset', 0, 0);
  if (errors.length > 0) {
    validation(call, errors);
    return undefined;
  }
  return { limit, offset };
}

/** `status eq 'uploaded'`, `fileName eq 'x'`, `contains(fileName,'x')`, `startswith(fileName,'x')`. */
function parseFilter(expr: string): ((f: FileRecord) => boolean) | undefined {
  const literal = (s: string) => s.replace(/''/g, "'");
  let m = /^\s*(status|fileName)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(expr);
  if (m) {
    const field = m[1].toLowerCase();
    const value = literal(m[2]);
    return (f) => (field === 'status' ? statusOf(f.phase) === value : f.fileName === value);
  }
  m = /^\s*(contains|startswith)\(\s*fileName\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(expr);
  if (m) {
    const value = literal(m[2]).toLowerCase();
    const starts = m[1].toLowerCase() === 'startswith';
    return (f) => (starts ? f.fileName.toLowerCase().startsWith(value) : f.fileName.toLowerCase().includes(value));
  }
  return undefined;
}

/** `fileName`, `createdAt`, `size` or `duration`, then `asc` (default) or `desc`. */
function parseOrderBy(call: Call, expr: string): ((a: FileRecord, b: FileRecord) => number) | undefined {
  const m = /^\s*(fileName|createdAt|size|duration)(?:\s+(asc|desc))?\s*$/i.exec(expr);
  if (!m) return undefined;
  const field = m[1].toLowerCase();
  const sign = m[2]?.toLowerCase() === 'desc' ? -1 : 1;
  const key = (f: FileRecord): string | number =>
    field === 'filename' ? f.fileName.toLowerCase() : field === 'createdat' ? f.createdAt : field === 'size' ? (call.files.objectOf(call.org, f.fileId)?.size ?? 0) : (f.duration ?? -1);
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : a.fileId.localeCompare(b.fileId)) * sign;
  };
}

function nameField(body: Record<string, unknown>, field: string, errors: string[], required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    if (required) errors.push(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push(`${field} must be a string`);
    return undefined;
  }
  const name = value.trim();
  if (name === '' || name === '.' || name === '..' || /[/\\\u0000-\u001f\u007f]/.test(name) || name.length > MAX_NAME) {
    errors.push(`${field} must be 1 to ${MAX_NAME} characters, without slashes or control characters`);
    return undefined;
  }
  return name;
}

function uuidField(body: Record<string, unknown>, field: string, errors: string[], required = false): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    if (required) errors.push(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || !UUID_RE.test(value)) {
    errors.push(`${field} must be a UUID`);
    return undefined;
  }
  return value.toLowerCase();
}

function stringField(body: Record<string, unknown>, field: string, errors: string[]): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    errors.push(`${field} must be a string`);
    return undefined;
  }
  return value;
}

function validation(call: Call, errors: string[]): void {
  sendJson(call.ctx, call.res, 400, { message: 'Validation failed', errors }, call.special);
}

function notFound(call: Call, what: 'File' | 'Folder', id: string): void {
  sendJson(call.ctx, call.res, 404, { message: `${what} not found`, details: `No ${what.toLowerCase()} with id ${id}` }, call.special);
}

function nameTaken(call: Call, name: string): void {
  sendJson(call.ctx, call.res, 409, { message: 'A folder with this name already exists', errors: [`"${name}" is already a folder here`] }, call.special);
}

function noContent({ res }: Call): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(204, { 'x-amzn-RequestId': randomUUID().replace(/-/g, '') });
  res.end();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sendHtml502(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) return;
  const body = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';
  res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The body, at most MAX_BODY_BYTES (then 'too-large', the rest drained), or 'aborted'. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      afterBody(req, () => resolve('too-large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let tooLarge = false;
    const finish = (value: Buffer | 'too-large' | 'aborted') => {
      if (!done) {
        done = true;
        resolve(value);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the 413 reaches the client.
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.once('end', () => finish(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.once('aborted', () => finish('aborted'));
    req.once('close', () => finish(req.complete ? (tooLarge ? 'too-large' : Buffer.concat(chunks)) : 'aborted'));
  });
}
