import type { Catalog } from '../catalog.js';
import type { adminZh } from './admin.zh.js';

export const adminEn: Catalog<typeof adminZh> = {
  title: 'Administration',
};
