import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App.js';
import { startI18n } from './i18n/index.js';

startI18n();
const queries = new QueryClient({
  defaultOptions: {
    // A refusal (4xx) will not change by asking again; a dropped connection might.
    queries: { retry: (count, e) => count < 2 && e instanceof TypeError, staleTime: 5_000 },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
