import type { ReactNode } from 'react';

// A wide table on a phone scrolls sideways: the scrolling box is a named region that takes the
// keyboard's focus, so it can be scrolled without a mouse (axe-core: scrollable-region-focusable,
// which antd's own scroll={{ x }} box does not pass).
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}
