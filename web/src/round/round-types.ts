import type { components } from '../api/schema.js';

export type RoundView = components['schemas']['NegotiationView'];
