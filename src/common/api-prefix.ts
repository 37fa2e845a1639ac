// Where the API lives (ADR 0021): every route under /api; the console owns / and everything else.
export const API_PREFIX = 'api';
