// Identifiers shared by package.json and the code. Keep the two in step.

export const VIEW_ID = 'apiAudio.media';
/** The Media view when it shows AudioStack Files (the same place and name; one is shown at a time). */
export const FILES_VIEW_ID = 'apiAudio.files';
export const LOG_CHANNEL_NAME = 'api.audio';
export const SETTINGS_SECTION = 'apiAudio';

export const Commands = {
  setApiKey: 'apiAudio.setApiKey',
  removeApiKey: 'apiAudio.removeApiKey',
  refresh: 'apiAudio.refresh',
  upload: 'apiAudio.upload',
  uploadFromView: 'apiAudio.uploadFromView',
  uploadToTag: 'apiAudio.uploadToTag',
  filterByTags: 'apiAudio.filterByTags',
  clearFilter: 'apiAudio.clearFilter',
  findMedia: 'apiAudio.findMedia',
  lookUpMedia: 'apiAudio.lookUpMedia',
  revealMedia: 'apiAudio.revealMedia',
  open: 'apiAudio.open',
  download: 'apiAudio.download',
  copyMediaId: 'apiAudio.copyMediaId',
  copyDownloadUrl: 'apiAudio.copyDownloadUrl',
  copyMediaFilesEntry: 'apiAudio.copyMediaFilesEntry',
  delete: 'apiAudio.delete',
  showMore: 'apiAudio.showMore',
  togglePublicLibrary: 'apiAudio.togglePublicLibrary',
  openSettings: 'apiAudio.openSettings',
  showLog: 'apiAudio.showLog',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** The commands of the AudioStack Files view and the service switch. */
export const FilesCommands = {
  switchService: 'apiAudio.switchService',
  showFiles: 'apiAudio.showAudioStackFiles',
  showMedia: 'apiAudio.showApiAudioMedia',
  refresh: 'apiAudio.files.refresh',
  open: 'apiAudio.files.open',
  download: 'apiAudio.files.download',
  copyFileId: 'apiAudio.files.copyFileId',
  copyDownloadLink: 'apiAudio.files.copyDownloadLink',
  showMore: 'apiAudio.files.showMore',
  find: 'apiAudio.files.find',
  /** Registered by commands/filesUpload.ts. */
  upload: 'apiAudio.files.upload',
} as const;

export type FilesCommandId = (typeof FilesCommands)[keyof typeof FilesCommands];

/** The commands that change AudioStack Files (src/commands/audiostack/edit.ts). */
export const FilesEditCommands = {
  newFolder: 'apiAudio.files.newFolder',
  rename: 'apiAudio.files.rename',
  copyToFolder: 'apiAudio.files.copyToFolder',
  moveToFolder: 'apiAudio.files.moveToFolder',
  delete: 'apiAudio.files.delete',
} as const;

export type FilesEditCommandId = (typeof FilesEditCommands)[keyof typeof FilesEditCommands];

/** What the Media view shows: api.audio Media (v1, by tag) or AudioStack Files (folders). */
export type MediaService = 'media' | 'files';

export const ContextKeys = {
  hasApiKey: 'apiAudio.hasApiKey',
  /** One of LibraryStateKind: drives the welcome views. */
  state: 'apiAudio.state',
  filterActive: 'apiAudio.filterActive',
  /** The MediaService the Media view shows. */
  service: 'apiAudio.service',
  /** One of FilesStateKind: drives the AudioStack Files view's welcome. */
  filesState: 'apiAudio.filesState',
} as const;

/** globalState key of the chosen MediaService (machine-local, not synced). */
export const SERVICE_STATE_KEY = 'apiAudio.service';

/** SecretStorage key of the API key. */
export const SECRET_API_KEY = 'apiAudio.apiKey';

/** Environment variables the official SDK reads when no key is given. */
export const API_KEY_ENV_VARS = ['apiaudio_key', 'aflr_key'] as const;
