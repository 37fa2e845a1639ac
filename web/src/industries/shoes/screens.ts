import { lazy } from 'react';
import type { IndustryScreens } from '../registry.js';
import { ShoesOverview } from './ShoesOverview.js';

// Shoes (制鞋, the Hengfeng practice): the band and the hearing on the overview, and the enterprise
// rate survey the union's mediation committee takes before the offer, as a tab of its own.
export const shoesScreens: IndustryScreens = {
  Overview: ShoesOverview,
  tabs: [
    {
      key: 'enterpriseSurvey',
      label: 'enterpriseSurvey.tab',
      Component: lazy(() => import('../../survey/EnterpriseSurveyTab.js')),
    },
  ],
};
