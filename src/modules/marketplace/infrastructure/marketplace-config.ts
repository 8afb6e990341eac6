import { moduleConfigProvider } from '../../../platform/config/config.module';
import { MARKETPLACE_CONFIG, MarketplaceConfig } from '../application/ports';

const MB = 1024 * 1024;

export const marketplaceConfigProvider = moduleConfigProvider<MarketplaceConfig>(MARKETPLACE_CONFIG, (read) => ({
  maxTuneFileBytes: read.int('MARKETPLACE_MAX_TUNE_FILE_BYTES', 16 * MB, 1024, 512 * MB),
  maxPhotoBytes: read.int('MARKETPLACE_MAX_PHOTO_BYTES', 8 * MB, 1024, 64 * MB),
  downloadLinkTtlSeconds: read.int('MARKETPLACE_DOWNLOAD_LINK_TTL_SECONDS', 300, 10, 3600),
}));
