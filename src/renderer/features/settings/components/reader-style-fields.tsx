import { useId } from 'react';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
import { useReaderStyle, type ReaderStyle } from '../hooks/use-reader-style';
import './settings.css';

const THEMES: [ReaderStyle['theme'], MessageId][] = [
  ['system', 'settings.style.themeSystem'],
  ['light', 'settings.style.themeLight'],
  ['dark', 'settings.style.themeDark'],
  ['sepia', 'settings.style.themeSepia'],
];
const FONTS: [ReaderStyle['font'], MessageId][] = [
  ['serif', 'settings.style.fontSerif'],
  ['sans', 'settings.style.fontSans'],
];
const SIZES: [string, MessageId][] = [
  ['1', 'settings.style.sizeSmallest'],
  ['2', 'settings.style.sizeSmall'],
  ['3', 'settings.style.sizeMedium'],
  ['4', 'settings.style.sizeLarge'],
  ['5', 'settings.style.sizeLargest'],
];
const WIDTHS: [ReaderStyle['width'], MessageId][] = [
  ['narrow', 'settings.style.widthNarrow'],
  ['medium', 'settings.style.widthMedium'],
  ['wide', 'settings.style.widthWide'],
];
const LINE_HEIGHTS: [ReaderStyle['lineHeight'], MessageId][] = [
  ['compact', 'settings.style.spacingCompact'],
  ['normal', 'settings.style.spacingNormal'],
  ['relaxed', 'settings.style.spacingRelaxed'],
];

/** Theme, font, size, width and spacing: in Settings and behind the reader's "Aa" button. */
export function ReaderStyleFields() {
  const t = useT();
  const id = useId();
  const [style, save] = useReaderStyle();
  const field = (
    label: MessageId,
    value: string,
    options: [string, MessageId][],
    key: keyof ReaderStyle,
  ) => (
    <div>
      <label htmlFor={`${id}-${key}`}>{t(label)}</label>
      <select
        id={`${id}-${key}`}
        value={value}
        onChange={(e) =>
          save({
            [key]: key === 'size' ? Number(e.target.value) : e.target.value,
          } as Partial<ReaderStyle>)
        }
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {t(text)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="settings-grid">
      {field('settings.style.theme', style.theme, THEMES, 'theme')}
      {field('settings.style.font', style.font, FONTS, 'font')}
      {field('settings.style.size', String(style.size), SIZES, 'size')}
      {field('settings.style.width', style.width, WIDTHS, 'width')}
      {field('settings.style.spacing', style.lineHeight, LINE_HEIGHTS, 'lineHeight')}
    </div>
  );
}
