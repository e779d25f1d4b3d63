// The portal's own script: no bundler, bare specifiers resolved by the page's import map.
// The page language is chosen first (?lang=en), then the services are defined, so
// each element starts in the page's language.
const TEXT = {
  en: {
    title: 'City portal · Public services',
    languages: 'Language',
    stations: 'City stations near you',
    chosen: 'Station you chose: ',
    none: '(none yet)',
    board: 'Neighbourhood parking deliberation',
    footer: 'This page is run by the city portal team; the service components come from civic-kiosk.',
  },
};

const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
document.documentElement.lang = lang;
const strings = TEXT[lang];
if (strings) {
  document.title = strings.title;
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = strings[el.dataset.text];
  for (const el of document.querySelectorAll('[data-label]')) el.setAttribute('aria-label', strings[el.dataset.label]);
}

await Promise.all([import('@civic-kiosk/station-finder/define.js'), import('@civic-kiosk/parking-board/define.js')]);

// The finder's documented event: the visitor chose a station (detail.station).
const chosen = document.getElementById('chosen-station');
document.querySelector('ck-station-finder').addEventListener('ck-station-select', (event) => {
  chosen.textContent = event.detail.station.name;
});
