// Registers the kiosk's own zh-CN strings with core's shared catalogue, so one setLocale switches everything.
import { registerTranslations } from '@civic-kiosk/core';
import { templates } from './generated/locales/zh-CN.js';

registerTranslations('zh-CN', templates);
