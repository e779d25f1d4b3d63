// Registers this package's zh-CN strings. Listed in package.json `sideEffects`.
import { registerTranslations } from '@civic-kiosk/core';
import { templates } from './generated/locales/zh-CN.js';

registerTranslations('zh-CN', templates);
