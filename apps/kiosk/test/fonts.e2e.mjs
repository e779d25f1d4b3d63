// Issue 14 item 8: Chinese text is drawn with a CJK font, never with missing-glyph boxes.
// Chromium reports, per text node, which installed font drew how many glyphs
// (CSS.getPlatformFontsForNode): a machine without a CJK font draws Chinese with a
// Latin font's .notdef boxes, and this fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, kioskPage, launch, SITE, waitForApp } from './helpers.mjs';

const CJK_FAMILY = /Noto Sans CJK|Source Han Sans|PingFang|Microsoft YaHei|WenQuanYi|Droid Sans Fallback/i;

describe('CJK font', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('the site name on the home screen is drawn entirely with a CJK font', async () => {
    const { page, context } = await kioskPage(browser);
    await page.goto(`${BASE}/`);
    await waitForApp(page, 'ready', 'home');
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    // The <h1> of ck-home, found in the pierced tree by its text.
    const find = (node) => {
      if (node.localName === 'h1' && (node.children ?? []).some((c) => c.nodeValue?.includes(SITE.zh))) return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const hit = find(child);
        if (hit) return hit;
      }
      return undefined;
    };
    const h1 = find(root);
    assert.ok(h1, `an h1 with "${SITE.zh}"`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: h1.nodeId });
    const glyphs = fonts.reduce((n, f) => n + f.glyphCount, 0);
    const cjk = fonts.filter((f) => CJK_FAMILY.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0);
    assert.ok(glyphs >= [...SITE.zh].length, `all ${[...SITE.zh].length} characters drawn (${JSON.stringify(fonts)})`);
    assert.equal(cjk, glyphs, `every glyph from a CJK font, not a fallback: ${JSON.stringify(fonts)}`);
    await context.close();
  });
});
