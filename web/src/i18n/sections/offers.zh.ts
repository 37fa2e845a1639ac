// Messages of the console's offers screens (Chinese); offers.en.ts has the same keys.
export const offersZh = {
  title: '报价对照',
} as const;
