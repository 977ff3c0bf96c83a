// The api.audio (v1) Media client as ServiceClientProvider hands it out: apiAudio.baseUrl,
// apiAudio.assumeOrgId and the request timeout.
import { ApiAudioClient, validateAssumeOrgId, validateBaseUrl } from '../../api';
import { ServiceClientProvider, type ServiceConnection } from '../serviceClientProvider';

export const API_AUDIO_CONNECTION: ServiceConnection<ApiAudioClient> = {
  settings: ['baseUrl', 'assumeOrgId', 'requestTimeoutSeconds'],
  address: (settings) => ({ url: settings.baseUrl, setting: 'apiAudio.baseUrl' }),
  organisation: (settings) => settings.assumeOrgId,
  problem: (settings) => validateBaseUrl(settings.baseUrl) ?? validateAssumeOrgId(settings.assumeOrgId),
  create: (options, settings) => new ApiAudioClient({ ...options, assumeOrgId: settings.assumeOrgId }),
};

export type ClientProvider = ServiceClientProvider<ApiAudioClient>;
