// Messages of the console's admin screens (Chinese); admin.en.ts has the same keys.
export const adminZh = {
  title: '系统管理',
} as const;
