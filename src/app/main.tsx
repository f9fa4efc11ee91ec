import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadLang } from './i18n/ui';
import { useStore } from './store';
import './styles.css';

const root = document.getElementById('root');
// a Chinese reader's words load before the first paint, so the page never flashes English
const render = () =>
  root &&
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
loadLang(useStore.getState().lang).then(render, render);

// `?example` (what `npm start` opens) loads the seed MT7981 router
if (new URLSearchParams(window.location.search).has('example')) void useStore.getState().loadExample();
