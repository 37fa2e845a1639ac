import type { Catalog } from '../catalog.js';
import type { offersZh } from './offers.zh.js';

export const offersEn: Catalog<typeof offersZh> = {
  title: 'Offers side by side',
};
