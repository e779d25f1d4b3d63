// Which pictures the visual run takes: every story of the built Storybook in
// zh-CN standard, and the service and kiosk-screen stories also in English +
// elder and in zh-CN + high contrast — except a service whose own stories
// already show each mode (stories named "English", "Elder Mode" and "High
// Contrast"): its other stories are pictured once, which keeps the baseline set
// and the run's time in bounds. Pure: no browser, no files.

/** The pictured combinations of the toolbar's language and theme. */
export const VARIANTS = {
  standard: { suffix: '', locale: 'zh-CN', theme: 'standard' },
  enElder: { suffix: '--en-elder', locale: 'en', theme: 'elder' },
  highContrast: { suffix: '--zh-CN-high-contrast', locale: 'zh-CN', theme: 'high-contrast' },
};

/** Sections whose every story is pictured in each variant: what a visitor sees whole. */
const ALL_VARIANTS = /^(Services\/|Kiosk screens\b)/;

/** The three stories that make a section picture its own modes. */
const MODE_STORY = /^(English|Elder Mode|High Contrast)$/;

/** The window most stories are drawn in; `viewport-WxH` tags ask for another (the kiosk screens). */
export const DEFAULT_VIEWPORT = { width: 1280, height: 900 };

function viewportOf(tags) {
  for (const tag of tags ?? []) {
    const match = /^viewport-(\d{3,4})x(\d{3,4})$/.exec(tag);
    if (match) return { width: Number(match[1]), height: Number(match[2]) };
  }
  return DEFAULT_VIEWPORT;
}

/**
 * The checks to run, from storybook-static/index.json: one per story and
 * variant, named after the story id (the baseline file name).
 */
export function plannedShots(index) {
  const shots = [];
  const stories = Object.values(index.entries ?? {}).filter((entry) => entry.type === 'story');
  const modeStories = (title) => new Set(stories.filter((e) => e.title === title && MODE_STORY.test(e.name)).map((e) => e.name.toLowerCase()));
  const selfPictured = new Set([...new Set(stories.map((e) => e.title))].filter((title) => modeStories(title).size === 3));
  for (const entry of stories) {
    const variants = ALL_VARIANTS.test(entry.title) && !selfPictured.has(entry.title) ? Object.values(VARIANTS) : [VARIANTS.standard];
    for (const variant of variants) {
      shots.push({
        id: entry.id,
        title: `${entry.title} / ${entry.name}`,
        name: `${entry.id}${variant.suffix}`,
        variant,
        viewport: viewportOf(entry.tags),
        play: (entry.tags ?? []).includes('play-fn'),
      });
    }
  }
  return shots.sort((a, b) => a.name.localeCompare(b.name));
}

/** The story page for one shot, with the toolbar's language and theme set through the URL. */
export function storyUrl(base, shot) {
  const globals = `locale:${shot.variant.locale};theme:${shot.variant.theme}`;
  return `${base}/iframe.html?id=${encodeURIComponent(shot.id)}&viewMode=story&globals=${encodeURIComponent(globals)}`;
}
