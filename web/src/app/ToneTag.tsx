import { Tag } from 'antd';
import type { ReactNode } from 'react';

// Status tags whose text passes WCAG AA contrast on their own background (antd's preset green, gold
// and blue tags do not: axe-core flags them on every main screen).
const TONES = {
  good: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  bad: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  warn: { color: '#7c4600', background: '#fffbe6', borderColor: '#ffe58f' },
  info: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
} as const;
export type Tone = keyof typeof TONES | 'neutral';

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={tone === 'neutral' ? undefined : TONES[tone]}>{children}</Tag>;
}
