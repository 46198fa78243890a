import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { TABS, type TabId, tabFromHash } from './routes';
import './style.css';
import { DataTab } from './tabs/data';
import { ModelsTab } from './tabs/models';
import { RecommendationsTab } from './tabs/recommendations';
import { SimilarTab } from './tabs/similar';

const VIEWS: Record<TabId, () => preact.JSX.Element> = {
  data: DataTab,
  models: ModelsTab,
  recommendations: RecommendationsTab,
  similar: SimilarTab,
};

function App() {
  const [tab, setTab] = useState<TabId>(tabFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setTab(tabFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const View = VIEWS[tab];
  return (
    <>
      <header>
        <h1>reco</h1>
        <nav aria-label="Views">
          <ul>
            {TABS.map((t) => (
              <li>
                <a href={`#/${t.id}`} aria-current={t.id === tab ? 'page' : undefined}>
                  {t.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        <View />
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
