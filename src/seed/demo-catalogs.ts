// Every demo catalog lives with its industry now (src/industries/<code>/demo/); tests still import
// the shoe catalog from here.
export { shoesCatalog as shoeCatalog } from '../industries/shoes/demo/catalog.js';
