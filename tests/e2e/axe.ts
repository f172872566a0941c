import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// The accessibility audit (issue 23): axe-core in Chromium, with no serious or critical
// violation. Minor and moderate ones are not failures here.

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  /** A selector per frame or shadow root on the way (nested arrays inside a shadow root). */
  nodes: { target: unknown[] }[];
}

/** axe's serious and critical violations on the page as it is now (open shadow roots too). */
export async function audit(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (o: object) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.flat(3).join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}
