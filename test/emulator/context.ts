// State shared by the API and object (S3) handlers of one emulator instance.
import type { Faults } from './faults';
import type { Md5Hasher } from './md5';
import type { UrlSigner } from './presign';
import type { MediaStore } from './store';

export interface EmulatorSettings {
  apiKeys: ReadonlySet<string>;
  strictContentType: boolean;
  sdkLatest?: string;
  warning?: string;
}

export interface EmulatorContext {
  store: MediaStore;
  signer: UrlSigner;
  faults: Faults;
  settings: EmulatorSettings;
  md5: Md5Hasher;
}
