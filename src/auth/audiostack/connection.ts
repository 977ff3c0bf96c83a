// The AudioStack Files client as ServiceClientProvider hands it out: apiAudio.filesBaseUrl
// and the request timeout; no organisation.
import { validateBaseUrl } from '../../api';
import { AudioStackFilesClient, DEFAULT_FILES_BASE_URL } from '../../api/audiostack/client';
import { ServiceClientProvider, type ServiceConnection } from '../serviceClientProvider';

const FILES_SETTING = 'apiAudio.filesBaseUrl';

export const AUDIOSTACK_CONNECTION: ServiceConnection<AudioStackFilesClient> = {
  settings: ['filesBaseUrl', 'requestTimeoutSeconds'],
  address: (settings) => ({ url: settings.filesBaseUrl, setting: FILES_SETTING }),
  organisation: () => undefined,
  problem: (settings) => validateBaseUrl(settings.filesBaseUrl, FILES_SETTING, DEFAULT_FILES_BASE_URL),
  create: (options) => new AudioStackFilesClient(options),
};

export type FilesClientProvider = ServiceClientProvider<AudioStackFilesClient>;
