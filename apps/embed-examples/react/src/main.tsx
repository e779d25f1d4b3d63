import './village.css';

// The page language is chosen before the services are defined (?lang=en), so each element starts in it.
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
document.documentElement.lang = lang;

const [{ createRoot }, { StrictMode, createElement }, { App }] = await Promise.all([import('react-dom/client'), import('react'), import('./App.js')]);
const api = document.querySelector<HTMLMetaElement>('meta[name="ck-api"]')?.content ?? '/api';
createRoot(document.getElementById('root')!).render(createElement(StrictMode, null, createElement(App, { api, lang })));
