import type { ComponentType, LazyExoticComponent } from 'react';
import type { RoundView } from '../round/round-types.js';
import { shipbuildingScreens } from './shipbuilding/screens.js';
import { shoesScreens } from './shoes/screens.js';

// The screens an industry adds to a round, beside the console's own (the mirror of the server's
// plug-in rule: the console's core names no industry; each industry's folder says what it shows).
export interface IndustryTab {
  key: string;
  // an i18n key (every industry's messages live in its own catalog section)
  label: string;
  Component: LazyExoticComponent<ComponentType<{ round: RoundView }>>;
}

export interface IndustryScreens {
  // cards shown on the round's overview, below what I may do now
  Overview?: ComponentType<{ round: RoundView }>;
  tabs?: readonly IndustryTab[];
}

// One line per industry with screens of its own; an industry without any shows the core's only.
const SCREENS: Readonly<Record<string, IndustryScreens>> = {
  shoes: shoesScreens,
  shipbuilding: shipbuildingScreens,
};

export const industryScreens = (industryCode: string | undefined): IndustryScreens =>
  (industryCode && SCREENS[industryCode]) || {};
