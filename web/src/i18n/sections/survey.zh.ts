// Messages of the console's survey screens (Chinese); survey.en.ts has the same keys.
export const surveyZh = {
  title: '工价征求',
} as const;
