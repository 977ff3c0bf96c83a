// Identifiers shared by package.json and the code. Keep the two in step.

export const VIEW_ID = 'apiAudio.media';
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

export const ContextKeys = {
  hasApiKey: 'apiAudio.hasApiKey',
  /** One of LibraryStateKind: drives the welcome views. */
  state: 'apiAudio.state',
  filterActive: 'apiAudio.filterActive',
} as const;

/** SecretStorage key of the API key. */
export const SECRET_API_KEY = 'apiAudio.apiKey';

/** Environment variables the official SDK reads when no key is given. */
export const API_KEY_ENV_VARS = ['apiaudio_key', 'aflr_key'] as const;
