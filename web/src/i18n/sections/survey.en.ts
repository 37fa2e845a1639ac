import type { Catalog } from '../catalog.js';
import type { surveyZh } from './survey.zh.js';

export const surveyEn: Catalog<typeof surveyZh> = {
  title: 'Rate survey',
};
