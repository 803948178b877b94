/** English / 简体中文 for lesson text (remembered). */
import { useScenarioStore } from '../state/scenario.ts';

export function LangSwitch() {
  const lang = useScenarioStore((s) => s.lang);
  const set = useScenarioStore((s) => s.setLang);
  return (
    <span className="segmented lang" role="radiogroup" aria-label="language">
      <button type="button" role="radio" aria-checked={lang === 'en'} className={lang === 'en' ? 'on' : ''} onClick={() => set('en')}>
        EN
      </button>
      <button type="button" role="radio" aria-checked={lang === 'zh'} className={lang === 'zh' ? 'on' : ''} onClick={() => set('zh')} lang="zh-Hans">
        简体中文
      </button>
    </span>
  );
}
