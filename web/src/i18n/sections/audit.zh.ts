// Messages of the console's audit screens (Chinese); audit.en.ts has the same keys.
export const auditZh = {
  title: '审计',
} as const;
