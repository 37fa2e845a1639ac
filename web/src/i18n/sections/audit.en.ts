import type { Catalog } from '../catalog.js';
import type { auditZh } from './audit.zh.js';

export const auditEn: Catalog<typeof auditZh> = {
  title: 'Audit',
};
