import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useStore } from './store';
import './styles.css';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// `?example` (what `npm start` opens) loads the seed MT7981 router
if (new URLSearchParams(window.location.search).has('example')) void useStore.getState().loadExample();
