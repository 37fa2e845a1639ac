// The shape every catalog has: the same keys as the Chinese one, any strings.
export type Catalog<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
