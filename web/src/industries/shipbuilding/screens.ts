import { lazy } from 'react';
import type { IndustryScreens } from '../registry.js';

// Shipbuilding and ship repair (船舶修造): the wage survey by trade and the package side by side,
// read from GET /api/negotiations/{id}/terms, as a tab of their own.
export const shipbuildingScreens: IndustryScreens = {
  tabs: [
    {
      key: 'package',
      label: 'shipbuilding.tab',
      Component: lazy(() => import('./PackageTab.js')),
    },
  ],
};
